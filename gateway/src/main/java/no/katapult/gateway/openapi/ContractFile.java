package no.katapult.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import no.katapult.gateway.routing.GatewayConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged contract at build time: the same merge as {@link MergedContract}, with the gateway's own settings
 * (its application.properties, production profile), over the documents the services wrote when they were built
 * ({@code quarkus.smallrye-openapi.store-schema-directory}). The openapi-client module generates its Java client
 * from the result, so the client and the served contract come from one merge.
 *
 * <pre>ContractFile &lt;merged.json&gt; &lt;service&gt;=&lt;openapi.json&gt; ...</pre>
 * Fails when a service of the gateway's configuration has no document, or when the merge reports an error.
 */
public final class ContractFile {
    private ContractFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ContractFile <merged.json> <service>=<openapi.json> ...");
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Path> files = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            files.put(pair[0], Path.of(pair[1]));
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors().addDiscoveredConverters()
                .withMapping(GatewayConfig.class).build();
        GatewayConfig gateway = config.getConfigMapping(GatewayConfig.class);
        List<OpenApiMerger.Source> sources = new ArrayList<>();
        gateway.services().forEach((name, service) -> {
            if (!service.mergeOpenapi()) {
                return;
            }
            Path file = files.get(name);
            if (file == null || !Files.isRegularFile(file)) {
                throw new IllegalStateException("No contract of " + name + " at " + file
                        + ": build the services first (quarkus.smallrye-openapi.store-schema-directory)");
            }
            try {
                JsonNode document = mapper.readTree(file.toFile());
                sources.add(new OpenApiMerger.Source(name, service.schemaPrefix().orElse(null), document, false));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        });
        OpenApiMerger.Result result = new OpenApiMerger().merge(sources, MergedContract.settings(gateway));
        if (!result.errors().isEmpty() || !result.missingServices().isEmpty()) {
            throw new IllegalStateException("The merge failed: " + result.errors() + ", missing " + result.missingServices());
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        mapper.writeValue(out.toFile(), result.document());
    }
}
