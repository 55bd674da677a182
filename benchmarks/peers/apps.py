from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "benchmarks.peers"
    label = "bench_peers"
    default_auto_field = "django.db.models.BigAutoField"
