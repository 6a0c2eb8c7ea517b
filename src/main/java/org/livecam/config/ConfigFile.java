package org.livecam.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code livecam.yml}: server options under the names of {@code livecam serve}'s flags without
 * the dashes ({@code port: 8080}, {@code token: ...}), and the cameras the server pulls:
 *
 * <pre>
 * port: 8080
 * cameras:
 *   door:
 *     source: "exec:ffmpeg -i rtsp://cam/stream -f mjpeg -q:v 5 -"
 *     always-on: false        # default: run only while watched
 *     idle-timeout: 10s       # default: --idle-timeout
 *     fps: 15                 # default: the source spec's fps, else 30 (frames above are dropped)
 *     record: {every: 1s, keep: 7d, max_bytes: 20GB}   # recorded; each key defaults to its --record-... option
 *   garden: "http://user:pass@192.168.1.20/video.mjpg"   # just the source
 *   printer:
 *     access: [alice, bob]    # public, private (every user) or these users; default --access
 *     publish_token: "..."    # publishes to this camera only, besides the server's token
 * </pre>
 *
 * A camera with only {@code access} or {@code publish_token} and no source is a pushed one.
 *
 * Only the YAML subset above is read (mappings of plain values); every error names the file,
 * the line and the key. Values are kept as text: the caller converts them as it does flags.
 */
public final class ConfigFile {
    private static final Set<String> CAMERA_KEYS = Set.of("source", "always-on", "idle-timeout", "fps", "access", "publish_token", "record");
    private static final Set<String> RECORD_KEYS = Set.of("every", "keep", "max_bytes");

    /** One server option as written, and where. */
    public record Setting(String value, int line) {
    }

    /**
     * A camera's {@code record: {every: 1s, keep: 7d, max_bytes: 20GB}}: the camera is recorded;
     * a null value leaves that setting to the {@code --record-...} option.
     */
    public record RecordKeys(Duration every, Duration keep, Long maxBytes) {
    }

    /**
     * A camera as the file gives it; {@code idleTimeout} is null when the file leaves it to the
     * default, {@code source} null for a pushed camera, {@code access} null for the server's
     * {@code --access}, {@code publishToken} null when it has none of its own, {@code record}
     * null when the file does not record it.
     */
    public record CameraEntry(String id, String source, boolean alwaysOn, Duration idleTimeout, OptionalDouble fps,
                              AccessRule access, String publishToken, RecordKeys record) {
        public CameraEntry(String id, String source, boolean alwaysOn, Duration idleTimeout, OptionalDouble fps) {
            this(id, source, alwaysOn, idleTimeout, fps, null, null, null);
        }

        public CameraConfig withDefaultIdle(Duration defaultIdle) {
            return new CameraConfig(id, source, alwaysOn, idleTimeout != null ? idleTimeout : defaultIdle, fps);
        }
    }

    /** What the file says. */
    public record Contents(Path file, Map<String, Setting> options, List<CameraEntry> cameras) {
    }

    private ConfigFile() {
    }

    /**
     * Reads {@code file}; {@code optionNames} are the keys allowed at the top level besides
     * {@code cameras}.
     */
    public static Contents read(Path file, Set<String> optionNames) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException("cannot read " + file + ": it is a folder; --config takes a YAML file");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + " line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + DataDir.reason(e));
        }
        Map<String, Setting> options = new LinkedHashMap<>();
        List<CameraEntry> cameras = new ArrayList<>();
        if (root == null) {
            return new Contents(file, options, cameras); // an empty file
        }
        for (NodeTuple entry : mapping(file, root, "the top level")) {
            String key = scalar(file, entry.getKeyNode(), "a key");
            Node value = entry.getValueNode();
            if (key.equals("cameras")) {
                for (NodeTuple camera : mapping(file, value, "cameras")) {
                    cameras.add(camera(file, scalar(file, camera.getKeyNode(), "a camera id"), camera.getValueNode()));
                }
            } else if (optionNames.contains(key)) {
                options.put(key, new Setting(optionValue(file, value, key), line(value)));
            } else {
                throw new ConfigException(where(file, entry.getKeyNode()) + "unknown key '" + key + "'; known: cameras, "
                        + String.join(", ", optionNames.stream().sorted().toList()));
            }
        }
        return new Contents(file, options, cameras);
    }

    /**
     * One camera's settings given as text (JSON is read too: it is YAML's flow style), with the
     * keys and the checks of a camera in the file; errors name {@code origin} and the line.
     */
    public static CameraEntry camera(String id, String text, String origin) throws ConfigException {
        Node node;
        try {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(origin + " line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(origin + ": " + e.getMessage());
        }
        if (node == null) {
            throw new ConfigException(origin + " is empty; send {\"source\": \"SPEC\"}");
        }
        if (!(node instanceof MappingNode)) {
            throw new ConfigException(origin + " must be a JSON object such as {\"source\": \"SPEC\"}");
        }
        return camera(Path.of(origin), id, node);
    }

    private static CameraEntry camera(Path file, String id, Node node) throws ConfigException {
        String source = null;
        boolean alwaysOn = false;
        Duration idle = null;
        OptionalDouble fps = OptionalDouble.empty();
        AccessRule access = null;
        String publishToken = null;
        RecordKeys record = null;
        if (node instanceof ScalarNode) {
            source = scalar(file, node, "camera " + id);
        } else {
            for (NodeTuple entry : mapping(file, node, "camera " + id)) {
                String key = scalar(file, entry.getKeyNode(), "a key");
                if (key.equals("access")) {
                    access = access(file, entry.getValueNode(), id);
                    continue;
                }
                if (key.equals("record")) {
                    record = record(file, id, entry.getValueNode());
                    continue;
                }
                String value = scalar(file, entry.getValueNode(), "camera " + id + " '" + key + "'");
                switch (key) {
                    case "source" -> source = value;
                    case "always-on" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new ConfigException(where(file, entry.getValueNode()) + "camera " + id + ": always-on must be true or false");
                        }
                        alwaysOn = value.equals("true");
                    }
                    case "idle-timeout" -> {
                        try {
                            idle = Durations.parse(value);
                        } catch (IllegalArgumentException e) {
                            throw new ConfigException(where(file, entry.getValueNode()) + "camera " + id + ": idle-timeout " + e.getMessage());
                        }
                    }
                    case "fps" -> fps = fps(file, entry.getValueNode(), id, value);
                    case "publish_token" -> {
                        if (value.isBlank()) {
                            throw new ConfigException(where(file, entry.getValueNode()) + "camera " + id + ": publish_token must not be empty");
                        }
                        publishToken = value;
                    }
                    default -> throw new ConfigException(where(file, entry.getKeyNode()) + "camera " + id + " has no key '" + key
                            + "'; known: " + String.join(", ", CAMERA_KEYS.stream().sorted().toList()));
                }
            }
        }
        try {
            if (source == null && (access != null || publishToken != null || record != null)) {
                CameraConfig.onDemand(id, "pushed", Duration.ZERO); // a pushed camera: checks the id only
            } else {
                new CameraConfig(id, source, alwaysOn, Duration.ZERO); // checks id and source now, with the line
            }
            return new CameraEntry(id, source, alwaysOn, idle, fps, access, publishToken, record);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(file, node) + e.getMessage());
        }
    }

    /** {@code public}, {@code private}, or a list of user names. */
    private static AccessRule access(Path file, Node node, String id) throws ConfigException {
        try {
            if (node instanceof SequenceNode list) {
                List<String> names = new ArrayList<>();
                for (Node item : list.getValue()) {
                    names.add(scalar(file, item, "camera " + id + " access"));
                }
                return AccessRule.onlyUsers(names);
            }
            return AccessRule.parse(scalar(file, node, "camera " + id + " 'access'"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where(file, node) + "camera " + id + ": " + e.getMessage());
        }
    }

    private static RecordKeys record(Path file, String id, Node node) throws ConfigException {
        Duration every = null;
        Duration keep = null;
        Long maxBytes = null;
        for (NodeTuple entry : mapping(file, node, "camera " + id + " 'record'")) {
            String key = scalar(file, entry.getKeyNode(), "a key");
            String value = scalar(file, entry.getValueNode(), "camera " + id + " record '" + key + "'");
            try {
                switch (key) {
                    case "every" -> every = Durations.parse(value);
                    case "keep" -> keep = Durations.parse(value);
                    case "max_bytes" -> maxBytes = ByteSize.parse(value);
                    default -> throw new ConfigException(where(file, entry.getKeyNode()) + "camera " + id + " record has no key '" + key
                            + "'; known: " + String.join(", ", RECORD_KEYS.stream().sorted().toList()));
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(file, entry.getValueNode()) + "camera " + id + ": record " + key + " " + e.getMessage());
            }
        }
        return new RecordKeys(every, keep, maxBytes);
    }

    private static OptionalDouble fps(Path file, Node node, String id, String value) throws ConfigException {
        try {
            double fps = Double.parseDouble(value);
            if (fps > 0 && fps <= 1000) {
                return OptionalDouble.of(fps);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ConfigException(where(file, node) + "camera " + id + ": fps must be a number above 0 and at most 1000, not '" + value + "'");
    }

    private static List<NodeTuple> mapping(Path file, Node node, String what) throws ConfigException {
        if (!(node instanceof MappingNode map)) {
            throw new ConfigException(where(file, node) + what + " must be a mapping of name: value");
        }
        return map.getValue();
    }

    /** A plain value, or a list of plain values ({@code admins: [alice, bob]}) given as the comma-separated form the flag takes. */
    private static String optionValue(Path file, Node node, String key) throws ConfigException {
        if (node instanceof SequenceNode list) {
            List<String> items = new ArrayList<>();
            for (Node item : list.getValue()) {
                items.add(scalar(file, item, "an item of '" + key + "'"));
            }
            return String.join(",", items);
        }
        return scalar(file, node, "'" + key + "'");
    }

    private static String scalar(Path file, Node node, String what) throws ConfigException {
        if (!(node instanceof ScalarNode scalar)) {
            throw new ConfigException(where(file, node) + what + " must be a plain value");
        }
        return scalar.getValue();
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String where(Path file, Node node) {
        return file + " line " + line(node) + ": ";
    }

    /** The file cannot be used; the message says where and why. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }
}
