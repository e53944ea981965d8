package io.higress.fleet.cluster;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials a cluster registered through the API carries in its Secret instead of files: a kubeconfig, or a
 * bearer token and the API server's CA (PEM), and the console's password. Any may be null. Never serialised, never
 * printed: {@link #toString()} names only which are set.
 */
@RegisterForReflection
public record ClusterCredentials(String kubeconfig, String token, String ca, String consolePassword) {

    public static final ClusterCredentials NONE = new ClusterCredentials(null, null, null, null);

    /** The Secret's keys, one per credential. */
    public static final String KUBECONFIG = "kubeconfig";
    public static final String TOKEN = "token";
    public static final String CA = "ca";
    public static final String CONSOLE_PASSWORD = "console-password";
    /** The keys in the order of the record's components. */
    public static final List<String> KEYS = List.of(KUBECONFIG, TOKEN, CA, CONSOLE_PASSWORD);

    /** From a key → value map (a Secret's data, a request's object); absent keys are null. */
    public static ClusterCredentials of(Map<String, String> byKey) {
        return new ClusterCredentials(byKey.get(KUBECONFIG), byKey.get(TOKEN), byKey.get(CA),
                byKey.get(CONSOLE_PASSWORD));
    }

    /** Key → value for what is set, in {@link #KEYS}' order. */
    public Map<String, String> byKey() {
        Map<String, String> out = new LinkedHashMap<>();
        String[] values = {kubeconfig, token, ca, consolePassword};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.put(KEYS.get(i), values[i]);
            }
        }
        return out;
    }

    /** Keeps what {@code update} leaves out: a client never reads credentials back, so it cannot resend them. */
    public ClusterCredentials orElse(ClusterCredentials previous) {
        return new ClusterCredentials(kubeconfig != null ? kubeconfig : previous.kubeconfig,
                token != null ? token : previous.token, ca != null ? ca : previous.ca,
                consolePassword != null ? consolePassword : previous.consolePassword);
    }

    public boolean isEmpty() {
        return kubeconfig == null && token == null && ca == null && consolePassword == null;
    }

    @Override
    public String toString() {
        return "ClusterCredentials[" + (kubeconfig != null ? "kubeconfig " : "") + (token != null ? "token " : "")
                + (ca != null ? "ca " : "") + (consolePassword != null ? "console-password" : "") + "]";
    }
}
