package org.livecam.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.livecam.frame.Frame;
import org.livecam.frame.InvalidJpegException;
import org.livecam.frame.Jpeg;
import org.slf4j.Logger;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.slf4j.LoggerFactory;

/**
 * The latest frames in one SQLite file ({@code livecam.db}, WAL) in the data folder: the
 * tutorial's {@code global.db}, one row per camera. A row that no longer holds a valid JPEG is
 * skipped at load, never served.
 */
public final class SqliteFrameStore implements FrameStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteFrameStore.class);
    public static final String FILE_NAME = "livecam.db";
    private static final String CORRUPT_STATE = "livecam-corrupt";

    private final Connection connection;
    private PreparedStatement upsert;

    private SqliteFrameStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("CREATE TABLE IF NOT EXISTS latest_frame ("
                    + " camera TEXT PRIMARY KEY,"
                    + " sequence INTEGER NOT NULL,"
                    + " received_at_ms INTEGER NOT NULL,"
                    + " width INTEGER NOT NULL,"
                    + " height INTEGER NOT NULL,"
                    + " jpeg BLOB NOT NULL)");
        }
        upsert = prepareUpsert();
    }

    private PreparedStatement prepareUpsert() throws SQLException {
        return connection.prepareStatement("INSERT INTO latest_frame"
                + " (camera, sequence, received_at_ms, width, height, jpeg) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(camera) DO UPDATE SET sequence = excluded.sequence,"
                + " received_at_ms = excluded.received_at_ms, width = excluded.width,"
                + " height = excluded.height, jpeg = excluded.jpeg");
    }

    /**
     * Opens (and creates, with its folder) the store in {@code dataDir}. A {@code livecam.db} that
     * is not a usable database (garbage, corrupt, a folder, unreadable) is moved aside as
     * {@code livecam.db.corrupt-TIMESTAMP} and a fresh one started, said in one line: losing the
     * last frames must not stop the server.
     */
    public static SqliteFrameStore open(Path dataDir) throws StoreException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            return connect(file);
        } catch (SQLException e) {
            if (!BrokenDatabase.exists(file) || !unusable(e)) {
                throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
            }
            Path aside;
            try {
                aside = BrokenDatabase.moveAside(file, Instant.now());
            } catch (java.io.IOException io) {
                throw new StoreException("cannot use " + file + " (" + e.getMessage() + ") nor move it aside: " + io.getMessage(), io);
            }
            log.warn("{} cannot be used ({}); moved it aside as {} and started a fresh one, without the last frames it kept",
                    file, e.getMessage(), aside.getFileName());
            try {
                return connect(file);
            } catch (SQLException again) {
                throw new StoreException("cannot open a fresh " + file + ": " + again.getMessage(), again);
            }
        }
    }

    /** Connects and checks the file is a sound database, closing the connection when it is not. */
    private static SqliteFrameStore connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            SqliteFrameStore store = new SqliteFrameStore(connection);
            try (Statement s = connection.createStatement(); ResultSet check = s.executeQuery("PRAGMA quick_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLException("quick_check: " + verdict, CORRUPT_STATE);
                }
            }
            return store;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Whether the file itself is the trouble. A full disk, a lock held by another process or a
     * read-only folder are not: the file is kept as it is and the start fails saying why.
     */
    private static boolean unusable(SQLException e) {
        if (CORRUPT_STATE.equals(e.getSQLState())) {
            return true;
        }
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code
                    || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code;
        }
        return false;
    }

    @Override
    public synchronized List<Frame> loadLatest() throws StoreException {
        List<Frame> frames = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT camera, sequence, received_at_ms, jpeg FROM latest_frame ORDER BY camera")) {
            while (rows.next()) {
                String camera = rows.getString(1);
                ByteBuffer jpeg = ByteBuffer.wrap(rows.getBytes(4));
                try {
                    Jpeg.Size size = Jpeg.inspect(jpeg);
                    frames.add(Frame.of(camera, rows.getLong(2), Instant.ofEpochMilli(rows.getLong(3)), size, true, jpeg));
                } catch (InvalidJpegException | IllegalArgumentException e) {
                    log.warn("Skipping the stored frame of camera {}: {}", camera, e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read stored frames: " + e.getMessage(), e);
        }
        return frames;
    }

    @Override
    public synchronized void saveLatest(Frame frame) throws StoreException {
        try {
            upsert.setString(1, frame.cameraId());
            upsert.setLong(2, frame.sequence());
            upsert.setLong(3, frame.receivedAt().toEpochMilli());
            upsert.setInt(4, frame.width());
            upsert.setInt(5, frame.height());
            upsert.setBytes(6, frame.toByteArray());
            upsert.executeUpdate();
        } catch (SQLException e) {
            renewUpsert();
            throw new StoreException("cannot save the frame of camera " + frame.cameraId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * After a failed write (a full disk: SQLITE_FULL) sqlite-jdbc's statement answers only "statement
     * is not executing" from then on, so the next save, once there is space again, gets a new one.
     */
    private void renewUpsert() {
        try {
            upsert.close();
        } catch (SQLException ignored) {
            // it is being replaced
        }
        try {
            upsert = prepareUpsert();
        } catch (SQLException e) {
            log.debug("Cannot prepare the save statement yet: {}", e.getMessage()); // tried again at the next save
        }
    }

    @Override
    public synchronized void forget(String cameraId) throws StoreException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM latest_frame WHERE camera = ?")) {
            delete.setString(1, cameraId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot forget the frame of camera " + cameraId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            upsert.close();
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the frame store: {}", e.getMessage());
        }
    }
}
