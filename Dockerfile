# Builds the server binary and runs it on a slim image.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p rustok-server

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/release/rustok-server /usr/local/bin/rustok-server
COPY config ./config
ENV LOCO_ENV=production
EXPOSE 5150
CMD ["rustok-server", "start", "--no-banner"]
