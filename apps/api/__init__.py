"""The API toolkit every project API shares: errors, pagination, throttles, schema."""
