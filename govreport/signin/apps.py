from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "govreport.signin"
    label = "signin"
    verbose_name = "Staff sign-in"
