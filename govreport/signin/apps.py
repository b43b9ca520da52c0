from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "govreport.signin"
    label = "signin"
    verbose_name = "Staff sign-in"

    def ready(self):
        from govreport.signin import checks  # noqa: F401 (registers the deployment check)
