# govreport in production: gunicorn behind your TLS proxy, static files served by WhiteNoise.

# GOV.UK Frontend's assets, prepared by the same Makefile target as in development.
FROM node:22-bookworm-slim AS frontend
RUN apt-get update && apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY Makefile package.json package-lock.json ./
RUN make frontend

FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /app

# Runtime dependencies first (pinned by constraints.txt), so code changes rebuild only later layers.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt -c constraints.txt

COPY . .
COPY --from=frontend /build/reports/static/govuk reports/static/govuk
# collectstatic needs settings, not secrets: this key exists only during the build.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /app govreport \
    && mkdir -p media && chown govreport media

USER govreport
EXPOSE 8000
CMD ["gunicorn", "govreport.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
