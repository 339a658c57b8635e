package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.KReference;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sinks.v1alpha1.IntegrationSink;
import io.fabric8.knative.sources.v1alpha1.IntegrationSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.maskmill.config.ConfigNames;
import io.maskmill.events.EventType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules every deployment of Maskmill must keep, checked the same way on the raw knative/
 * manifests and on each rendered overlay. {@link EventType} is the routing truth.
 */
final class DeploymentRules {

    static final String API = "maskmill-api";
    static final String GPU = "nvidia.com/gpu";
    static final String VISIBILITY = "networking.knative.dev/visibility";
    static final String NODE_POOL = "maskmill.io/node-pool";
    static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    /** Knative's max-revision-timeout-seconds as terraform/knative.tf configures it. */
    static final long MAX_TIMEOUT_SECONDS = 1800;
    static final String SERVING_NAMESPACE = "knative-serving";
    static final String EVENTING_NAMESPACE = "knative-eventing";

    private DeploymentRules() {}

    static RevisionSpec revision(Service service) {
        return service.getSpec().getTemplate().getSpec();
    }

    static Container container(Service service) {
        List<Container> containers = revision(service).getContainers();
        assertThat(containers).as("containers of %s", name(service)).hasSize(1);
        return containers.get(0);
    }

    static String name(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getName();
    }

    static Optional<String> env(Service service, String variable) {
        return Optional.ofNullable(container(service).getEnv()).orElse(List.of()).stream()
                .filter(e -> variable.equals(e.getName())).map(EnvVar::getValue).findFirst();
    }

    static Optional<String> exportedFunction(Service service) {
        return env(service, ConfigNames.env(ConfigNames.FUNQY_EXPORT));
    }

    static int gpus(Service service) {
        var resources = container(service).getResources();
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        Quantity q = limits == null ? null : limits.get(GPU);
        return q == null ? 0 : q.getNumericalAmount().intValueExact();
    }

    static String annotation(Service service, String key) {
        Map<String, String> a = service.getSpec().getTemplate().getMetadata().getAnnotations();
        String value = a == null ? null : a.get(key);
        if (value == null) {
            throw new AssertionError(name(service) + ": no revision annotation " + key);
        }
        return value;
    }

    /** Every EventType with a consumer has exactly one Trigger, and it reaches a Service exporting that consumer. */
    static void routesEveryConsumedEvent(Manifests m) {
        for (EventType type : EventType.values()) {
            List<Trigger> triggers = m.of(Trigger.class).stream()
                    .filter(t -> type.type().equals(filterType(t))).toList();
            if (type.consumer().isEmpty()) {
                assertThat(triggers).as("terminal event %s must have no Trigger", type).isEmpty();
                continue;
            }
            assertThat(triggers).as("Triggers for %s", type).hasSize(1);
            Service target = subscriber(m, triggers.get(0));
            assertThat(exportedFunction(target)).as("QUARKUS_FUNQY_EXPORT of %s (Trigger %s)",
                    name(target), name(triggers.get(0))).contains(type.consumer().get());
        }
        for (Trigger t : m.of(Trigger.class)) {
            assertThat(EventType.of(filterType(t))).as("Trigger %s filters on a type EventType does not know", name(t))
                    .isPresent();
            assertThat(m.find(Broker.class, t.getSpec().getBroker())).as("broker of Trigger %s", name(t)).isPresent();
        }
    }

    static String filterType(Trigger t) {
        var filter = t.getSpec().getFilter();
        String type = filter == null || filter.getAttributes() == null ? null : filter.getAttributes().get("type");
        if (type == null) {
            throw new AssertionError("Trigger " + name(t) + " has no spec.filter.attributes.type");
        }
        return type;
    }

    static Service subscriber(Manifests m, Trigger t) {
        KReference ref = t.getSpec().getSubscriber().getRef();
        assertThat(ref).as("subscriber.ref of Trigger %s", name(t)).isNotNull();
        assertThat(ref.getApiVersion() + " " + ref.getKind()).as("subscriber of Trigger %s", name(t))
                .isEqualTo("serving.knative.dev/v1 Service");
        return m.get(Service.class, ref.getName());
    }

    /** The Broker and every Trigger retry with exponential backoff, then hand over to a dead-letter sink that exists. */
    static void retriesThenDeadLetters(Manifests m) {
        assertThat(m.of(Broker.class)).as("Brokers").hasSize(1);
        m.of(Broker.class).forEach(b -> checkDelivery(m, "Broker " + name(b), b.getSpec().getDelivery()));
        assertThat(m.of(Trigger.class)).as("Triggers").isNotEmpty();
        m.of(Trigger.class).forEach(t -> checkDelivery(m, "Trigger " + name(t), t.getSpec().getDelivery()));
    }

    private static void checkDelivery(Manifests m, String owner, DeliverySpec delivery) {
        assertThat(delivery).as("delivery of %s", owner).isNotNull();
        assertThat(delivery.getRetry()).as("retry of %s", owner).isNotNull().isBetween(1, 10);
        assertThat(delivery.getBackoffPolicy()).as("backoffPolicy of %s", owner).isEqualTo("exponential");
        assertThat(Duration.parse(delivery.getBackoffDelay())).as("backoffDelay of %s", owner).isPositive();
        KReference sink = delivery.getDeadLetterSink() == null ? null : delivery.getDeadLetterSink().getRef();
        assertThat(sink).as("deadLetterSink.ref of %s", owner).isNotNull();
        if (sink.getKind().equals("Service")) {
            // a stage's dead letters are its sample's failure: the ledger function records them
            assertThat(sink.getName()).as("dead-letter Service of %s", owner).isEqualTo("maskmill-ledger");
            assertThat(delivery.getDeadLetterSink().getUri()).as("dead-letter path of %s", owner).isEqualTo("/ledger");
            assertThat(exportedFunction(m.get(Service.class, sink.getName()))).contains("ledger");
            return;
        }
        assertThat(sink.getKind()).as("dead-letter sink kind of %s", owner).isEqualTo("IntegrationSink");
        IntegrationSink target = m.get(IntegrationSink.class, sink.getName());
        assertThat(target.getSpec().getAws().getSqs().getArn()).as("dead-letter queue").isNotBlank();
    }

    /**
     * Stage services are cluster-local; only the API is exposed. It takes its tokens from a Secret
     * reference, turns the event routes off and exports no function; the stages get no token (the
     * Broker sends none) and each exports its own function.
     */
    static void onlyTheApiIsExposed(Manifests m) {
        String tokens = ConfigNames.env(ConfigNames.API_TOKENS);
        for (Service s : m.of(Service.class)) {
            String visibility = s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(VISIBILITY);
            if (name(s).equals(API)) {
                assertThat(visibility).as("%s must be reachable from outside", API).isNull();
                EnvVar token = container(s).getEnv().stream().filter(e -> e.getName().equals(tokens))
                        .findFirst().orElseThrow(() -> new AssertionError(API + " has no " + tokens));
                assertThat(token.getValue()).as("%s must not be a literal", tokens).isNull();
                var ref = token.getValueFrom().getSecretKeyRef();
                assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("maskmill-api-token/token");
                assertThat(ref.getOptional()).as("a missing token Secret must stop the API, not open it").isNotEqualTo(Boolean.TRUE);
                assertThat(env(s, ConfigNames.env(ConfigNames.API_EVENT_ROUTES))).as("event routes of %s", API).contains("false");
                assertThat(exportedFunction(s)).as("the API exports no Funqy function").isEmpty();
            } else {
                assertThat(visibility).as("visibility of stage service %s", name(s)).isEqualTo("cluster-local");
                assertThat(exportedFunction(s)).as("%s of %s", ConfigNames.env(ConfigNames.FUNQY_EXPORT), name(s))
                        .contains(name(s).substring("maskmill-".length()));
                assertThat(variables(m, s)).as("variables of stage %s", name(s)).doesNotContain(tokens);
            }
        }
    }

    /** Every variable a Service's container gets: its env entries and the keys of its envFrom ConfigMaps. */
    static Set<String> variables(Manifests m, Service s) {
        Set<String> names = new TreeSet<>();
        Optional.ofNullable(container(s).getEnv()).orElse(List.of()).forEach(e -> names.add(e.getName()));
        Optional.ofNullable(container(s).getEnvFrom()).orElse(List.of()).forEach(f -> m.find(ConfigMap.class,
                f.getConfigMapRef().getName()).ifPresent(c -> c.getData().keySet().forEach(k -> names.add(
                        Optional.ofNullable(f.getPrefix()).orElse("") + k))));
        return names;
    }

    /**
     * Every MASKMILL_ / QUARKUS_ variable a Service gets is the environment form of a property the
     * code reads ({@link ConfigNames#DEPLOYED}): a misspelt or renamed one would silently leave a default.
     */
    static void everyVariableIsOneTheCodeReads(Manifests m) {
        Set<String> known = new TreeSet<>();
        ConfigNames.DEPLOYED.forEach(p -> known.add(ConfigNames.env(p)));
        for (Service s : m.of(Service.class)) {
            for (String variable : variables(m, s)) {
                if (variable.startsWith("MASKMILL_") || variable.startsWith("QUARKUS_")) {
                    assertThat(known).as("%s of %s is no setting in io.maskmill.config.ConfigNames", variable, name(s))
                            .contains(variable);
                }
            }
        }
    }

    /**
     * Each Service's pods (labelled serving.knative.dev/service=NAME by Knative) are selected by a
     * NetworkPolicy that admits connections only from namespaces: knative-serving (the data plane every
     * request passes) for all, and knative-eventing (the Broker) for the stages.
     */
    static void podsAcceptOnlyKnativeTraffic(Manifests m) {
        for (Service s : m.of(Service.class)) {
            var template = s.getSpec().getTemplate().getMetadata();
            Map<String, String> podLabels = new TreeMap<>(template == null || template.getLabels() == null ? Map.of()
                    : template.getLabels());
            podLabels.put("serving.knative.dev/service", name(s));
            List<NetworkPolicy> selecting = m.of(NetworkPolicy.class).stream()
                    .filter(p -> p.getMetadata().getNamespace().equals(s.getMetadata().getNamespace()))
                    .filter(p -> LabelSelectors.matches(p.getSpec().getPodSelector(), podLabels)).toList();
            assertThat(selecting).as("NetworkPolicies selecting the pods of %s", name(s)).isNotEmpty();
            Set<String> allowed = name(s).equals(API) ? Set.of(SERVING_NAMESPACE)
                    : Set.of(SERVING_NAMESPACE, EVENTING_NAMESPACE);
            for (NetworkPolicy p : selecting) {
                assertThat(p.getSpec().getPolicyTypes()).as("policyTypes of %s", name(p)).contains("Ingress");
                for (var rule : Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of())) {
                    assertThat(rule.getFrom()).as("%s admits %s from anywhere", name(p), name(s)).isNotEmpty();
                    for (var peer : rule.getFrom()) {
                        assertThat(peer.getPodSelector()).as("peer podSelector in %s", name(p)).isNull();
                        assertThat(peer.getIpBlock()).as("peer ipBlock in %s", name(p)).isNull();
                        assertThat(peer.getNamespaceSelector().getMatchExpressions()).isNullOrEmpty();
                        assertThat(peer.getNamespaceSelector().getMatchLabels())
                                .as("namespaces %s admits to %s", name(p), name(s))
                                .containsOnlyKeys("kubernetes.io/metadata.name");
                        assertThat(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                                .as("namespace %s admits to %s", name(p), name(s)).isIn(allowed);
                    }
                }
            }
        }
    }

    /** Health probes, concurrency, timeouts, scale bounds and an existing ServiceAccount on every Service. */
    static void servicesAreRunnable(Manifests m) {
        for (Service s : m.of(Service.class)) {
            String n = name(s);
            Container c = container(s);
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).as("readiness of %s", n).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).as("liveness of %s", n).isEqualTo("/q/health/live");
            assertThat(c.getResources().getRequests()).as("requests of %s", n).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as("limits of %s", n).containsKeys("cpu", "memory");
            RevisionSpec r = revision(s);
            assertThat(r.getContainerConcurrency()).as("containerConcurrency of %s", n).isPositive();
            assertThat(r.getTimeoutSeconds()).as("timeoutSeconds of %s", n).isBetween(30L, MAX_TIMEOUT_SECONDS);
            // Knative's grace period is the revision timeout: the drain at SIGTERM may use all of it
            assertThat(c.getEnv()).as("%s of %s", ConfigNames.env(ConfigNames.SHUTDOWN_TIMEOUT), n).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo(ConfigNames.env(ConfigNames.SHUTDOWN_TIMEOUT));
                assertThat(Duration.parse("PT" + e.getValue()).toSeconds()).isEqualTo(r.getTimeoutSeconds());
            });
            int min = Integer.parseInt(annotation(s, MIN_SCALE));
            int max = Integer.parseInt(annotation(s, MAX_SCALE));
            assertThat(max).as("max-scale of %s", n).isGreaterThanOrEqualTo(Math.max(min, 1));
            assertThat(m.find(io.fabric8.kubernetes.api.model.ServiceAccount.class, r.getServiceAccountName()))
                    .as("ServiceAccount %s of %s", r.getServiceAccountName(), n).isPresent();
            assertThat(c.getEnvFrom()).as("envFrom of %s", n)
                    .anySatisfy(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("maskmill-config"));
        }
    }

    /** A Service that asks for a GPU asks for exactly one, lands on the tainted GPU pool, serves one request at a time and scales to zero. */
    static void gpuServicesAreShapedForGpus(Manifests m) {
        for (Service s : m.of(Service.class)) {
            RevisionSpec r = revision(s);
            boolean onGpuPool = r.getNodeSelector() != null && "gpu".equals(r.getNodeSelector().get(NODE_POOL));
            if (gpus(s) == 0) {
                assertThat(onGpuPool).as("%s asks for no GPU but selects the GPU pool", name(s)).isFalse();
                continue;
            }
            assertThat(gpus(s)).as("GPUs of %s", name(s)).isEqualTo(1);
            assertThat(onGpuPool).as("%s must select the GPU node pool", name(s)).isTrue();
            assertThat(r.getTolerations()).as("tolerations of %s", name(s))
                    .anySatisfy(t -> assertThat(t.getKey()).isEqualTo(GPU));
            assertThat(r.getContainerConcurrency()).as("containerConcurrency of GPU service %s", name(s)).isEqualTo(1);
            assertThat(annotation(s, MIN_SCALE)).as("GPU service %s must scale to zero", name(s)).isEqualTo("0");
            assertThat(s.getMetadata().getLabels()).as("labels of %s", name(s)).containsEntry("maskmill.io/image", "cuda");
        }
    }

    /**
     * The sample batch the ConfigMap sets (maskmill.sample.batch-size, read by ingest, which plans the
     * batches, and by sample, which runs them) is one the code takes, and a sample pod takes one
     * request at a time: with batches, one request is a whole batch, sized into the pod once.
     */
    static void sampleIsSizedForItsBatch(Manifests m) {
        String variable = ConfigNames.env(ConfigNames.SAMPLE_BATCH_SIZE);
        String value = Optional.ofNullable(m.get(ConfigMap.class, "maskmill-config").getData().get(variable)).orElse("1");
        int batch = Integer.parseInt(value);
        assertThat(batch).as("%s in maskmill-config", variable).isBetween(1, io.maskmill.sample.BatchSize.MAX);
        Service sample = m.get(Service.class, "maskmill-sample");
        assertThat(variables(m, sample)).as("variables of maskmill-sample").contains(variable);
        for (Service s : m.of(Service.class)) {
            assertThat(env(s, variable)).as("%s of %s: set it once, in maskmill-config, so ingest and sample agree",
                    variable, name(s)).isEmpty();
        }
        if (batch > 1) {
            assertThat(revision(sample).getContainerConcurrency()).as("containerConcurrency of maskmill-sample with "
                    + "batches of %d", batch).isEqualTo(1);
        }
    }

    /** S3 upload notifications reach the Broker through an aws-sqs IntegrationSource run by ingest's ServiceAccount. */
    static void uploadsReachTheBroker(Manifests m) {
        assertThat(m.of(IntegrationSource.class)).as("IntegrationSources").hasSize(1);
        IntegrationSource source = m.of(IntegrationSource.class).get(0);
        var aws = source.getSpec().getAws();
        assertThat(aws.getSqs().getArn()).as("queue of %s", name(source)).isNotBlank();
        assertThat(aws.getS3()).as("the source reads the queue, not the objects").isNull();
        assertThat(aws.getAuth().getAdditionalProperties()).containsEntry("serviceAccountName", "maskmill-ingest");
        KReference sink = source.getSpec().getSink().getRef();
        assertThat(sink.getKind()).isEqualTo("Broker");
        m.get(Broker.class, sink.getName());
    }

    static void allRules(Manifests m) {
        routesEveryConsumedEvent(m);
        retriesThenDeadLetters(m);
        onlyTheApiIsExposed(m);
        servicesAreRunnable(m);
        gpuServicesAreShapedForGpus(m);
        uploadsReachTheBroker(m);
        sampleIsSizedForItsBatch(m);
        everyVariableIsOneTheCodeReads(m);
        podsAcceptOnlyKnativeTraffic(m);
        m.all().forEach(x -> {
            if (!UnknownFields.of(x.object()).isEmpty()) {
                fail(x.origin() + ": fields the model does not know: " + UnknownFields.of(x.object()));
            }
        });
    }
}
