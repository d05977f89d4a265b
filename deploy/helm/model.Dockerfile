# The trained model as its own versioned artefact (the chart's init container copies it into each
# Rasa pod and checks its SHA-256). Built from the models/ directory, after `make model`:
#   docker build -f deploy/helm/model.Dockerfile -t registry.example.kt.com/kt-remedy/model:<version> models/
#   sha256sum models/current.tar.gz     # -> model.sha256
# busybox gives the init container `sh`, `cp` and `sha256sum`; it runs as the pods' user (10001).
FROM busybox:1.36.1
COPY current.tar.gz /model/current.tar.gz
USER 10001:10001
