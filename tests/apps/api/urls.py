"""Small views exercising the shared API toolkit, independent of any domain."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.api.throttling import AccountThrottle, ClientAddressThrottle


class NestedSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=5)


class ExampleSerializer(serializers.Serializer):
    email = serializers.EmailField()
    seats = serializers.IntegerField(min_value=1)
    items = NestedSerializer(many=True, required=False)

    def validate(self, attrs):
        if attrs["seats"] > 3:
            raise serializers.ValidationError("Too many seats for this email.")
        return attrs


class ValidatingView(APIView):
    def post(self, request):
        ExampleSerializer(data=request.data).is_valid(raise_exception=True)
        return Response({"ok": True})


class DjangoValidationView(APIView):
    def post(self, request):
        raise DjangoValidationError({"seats": ["Only 2 places are left."]})


class BrokenView(APIView):
    def get(self, request):
        raise RuntimeError("a bug")


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "email"]


class UserListView(generics.ListAPIView):
    queryset = get_user_model().objects.order_by("id")
    serializer_class = UserSerializer


class ExampleAddressThrottle(ClientAddressThrottle):
    scope = "sign_in_address"


class ExampleAccountThrottle(AccountThrottle):
    scope = "sign_in_account"


class ThrottledView(APIView):
    throttle_classes = [ExampleAddressThrottle, ExampleAccountThrottle]

    def post(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("api/validate/", ValidatingView.as_view()),
    path("api/django-validate/", DjangoValidationView.as_view()),
    path("api/broken/", BrokenView.as_view()),
    path("api/users/", UserListView.as_view()),
    path("api/throttled/", ThrottledView.as_view()),
    path("page/broken/", BrokenView.as_view()),
]

handler404 = "apps.api.problems.page_not_found"
handler500 = "apps.api.problems.server_error"
