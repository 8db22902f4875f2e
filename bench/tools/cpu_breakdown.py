#!/usr/bin/env python3
"""Where a JVM's CPU went: reads async-profiler's collapsed stacks and prints a Markdown table.

Each sample goes to the first category (in the order below) that any frame of its stack matches, so a
Hibernate call made from a registry call counts as a registry call. Usage: cpu_breakdown.py file.collapsed
"""
import collections
import re
import sys

CATEGORIES = [
    ("JIT compiler threads", r"CompileBroker|C2Compiler|Compilation::|C1_|PhaseIdealLoop|Compile::"),
    ("garbage collector", r"GCTaskThread|SerialHeap|DefNewGeneration|G1|ParallelGC|VM_GC|GenCollect"),
    ("thread start (CompletableFuture task per thread)", r"ThreadPerTaskExecutor|JVM_StartThread"),
    ("class loading, parsing and verification",
     r"SystemDictionary|ClassFileParser|ClassVerifier|Verifier::|JVM_DefineClass|InstanceKlass::link|RunnerClassLoader"),
    ("token check (OIDC, jose4j, RSA)", r"jose4j|OidcIdentityProvider|OidcAuthenticationMechanism|BigInteger"),
    ("calls to catapult-registry (REST client)", r"RegistryClient|resteasy/reactive/client"),
    ("outbox (events in the booking's transaction)", r"common/events/Outbox\."),
    ("Hibernate, JDBC, pool", r"org/hibernate|org/postgresql|io/agroal"),
    ("JSON (Jackson)", r"jackson"),
    ("OpenTelemetry", r"opentelemetry"),
    # Start-up frames only: CDI's interceptors (io/quarkus/arc) sit under every request as well.
    ("start-up: Flyway, configuration, CDI", r"org/flywaydb|io/quarkus/runtime/Application\.start|StartupContext"),
    # AccessLogHandler.handle sits under the whole request; only its completion handler writes the log.
    ("logging and access log", r"logmanager|jboss/logging|AccessLogHandler\$1|AccessLogReceiver"),
    ("the service's own code (no.katapult) and the JDK code it calls (java.time, collections)", r"no/katapult"),
    ("HTTP server (Vert.x, Netty, RESTEasy)", r"netty|vertx|resteasy"),
]


def main(path):
    totals = collections.Counter()
    samples = 0
    for line in open(path, encoding="utf-8"):
        line = line.rstrip()
        if not line:
            continue
        stack, count = line.rsplit(" ", 1)
        count = int(count)
        samples += count
        for name, pattern in CATEGORIES:
            if re.search(pattern, stack):
                totals[name] += count
                break
        else:
            totals["other (JVM runtime, the services' own code)"] += count
    print(f"| where the CPU went ({samples} samples) | share |")
    print("|---|---:|")
    for name, count in totals.most_common():
        print(f"| {name} | {100 * count / max(samples, 1):.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1])
