#!/usr/bin/env python3
"""Which libraries a JVM's loaded classes belong to: reads `jcmd <pid> VM.class_hierarchy` and prints a Markdown
table. Class metadata (metaspace, class space, symbols) grows with the number of classes, so this says which
library the non-heap memory of a service is for. Usage: class_breakdown.py file.classes
"""
import collections
import re
import sys

# First match wins; prefixes of class names.
LIBRARIES = [
    ("Hibernate ORM, Agroal, the PostgreSQL driver, Byte Buddy",
     ("org.hibernate", "io.quarkus.hibernate", "io.agroal", "io.quarkus.agroal", "org.postgresql", "net.bytebuddy",
      "jakarta.persistence", "com.arjuna", "io.quarkus.narayana", "jakarta.transaction", "org.antlr")),
    ("the JDK", ("java.", "javax.", "jdk.", "sun.", "com.sun.")),
    ("Vert.x, Netty, Mutiny", ("io.vertx", "io.quarkus.vertx", "io.netty", "io.smallrye.mutiny")),
    ("RESTEasy, Jackson", ("org.jboss.resteasy", "io.quarkus.resteasy", "io.quarkus.rest", "com.fasterxml",
                           "jakarta.ws", "jakarta.json")),
    ("OpenTelemetry", ("io.opentelemetry", "io.quarkus.opentelemetry")),
    ("OIDC, security, jose4j", ("org.jose4j", "io.quarkus.oidc", "io.smallrye.jwt", "io.quarkus.security",
                                "io.quarkus.smallrye.jwt")),
    ("Micrometer, Prometheus", ("io.micrometer", "io.quarkus.micrometer", "io.prometheus")),
    ("Flyway", ("org.flywaydb", "io.quarkus.flyway")),
    ("OpenAPI, YAML", ("io.smallrye.openapi", "org.eclipse.microprofile.openapi", "io.quarkus.smallrye.openapi",
                       "org.yaml")),
    ("the services' own code", ("no.katapult",)),
    ("Quarkus, SmallRye, CDI and the rest", ("",)),
]


def main(path):
    counts = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        match = re.search(r"([\w.$]+)/(?:0x|null)", line)
        if not match:
            continue
        name = match.group(1)
        counts[next(label for label, prefixes in LIBRARIES if name.startswith(prefixes))] += 1
    total = sum(counts.values())
    if total == 0:
        sys.exit(f"no classes in {path}")
    print("| library | classes | share |")
    print("|---|---:|---:|")
    for label, _ in LIBRARIES:
        print(f"| {label} | {counts[label]:,} | {100 * counts[label] / total:.1f} % |")
    print(f"| all | {total:,} | 100 % |")


if __name__ == "__main__":
    main(sys.argv[1])
