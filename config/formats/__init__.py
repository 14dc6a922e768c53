"""The site's own date formats where Django's for a language are not the site's
(FORMAT_MODULE_PATH); every other format, and every other language, is Django's."""
