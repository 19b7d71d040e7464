FROM python:latest
RUN apt-get update
RUN apt-get install -y gcc libpq-dev
ADD . /app
WORKDIR /app
RUN pip install --no-cache-dir -r requirements.txt
ENV PORT=8000
EXPOSE 5000
CMD ["gunicorn", "--workers", "2", "pricing.wsgi:app"]
