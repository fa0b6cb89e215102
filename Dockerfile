# The Referral Bridge service. Build the jars first: ./mvnw -DskipTests package
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 referralbridge
COPY server/target/referral-bridge-server.jar /app/referral-bridge-server.jar
USER referralbridge
WORKDIR /app
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=30 CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/referral-bridge-server.jar"]
