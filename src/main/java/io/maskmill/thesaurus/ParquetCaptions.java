package io.maskmill.thesaurus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet caption files (LAION metadata): only the caption column is read (projection), row group
 * by row group, values handed over as the UTF-8 bytes Parquet stores. Uses parquet-java through
 * parquet-floor, which supplies the few Hadoop classes parquet-java links against, so no Hadoop.
 */
final class ParquetCaptions {
    static final List<String> DEFAULT_COLUMNS = List.of("TEXT", "caption");

    private ParquetCaptions() {
    }

    /**
     * @param file the Parquet file, or null when it only exists as {@code stream} (gzip-compressed):
     *             then it is first unpacked to a temporary file, since Parquet needs random access
     */
    static void read(Path file, InputStream stream, CaptionFeed feed) throws IOException {
        if (file != null) {
            readFile(file, feed);
            return;
        }
        Path tmp = Files.createTempFile("maskmill-thesaurus-", ".parquet");
        try {
            Files.copy(stream, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            readFile(tmp, feed);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void readFile(Path file, CaptionFeed feed) throws IOException {
        feed.at("row", 0);
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(file), ParquetReadOptions.builder().build());
        } catch (RuntimeException | IOException e) {
            feed.fileProblem(null, "not a readable Parquet file: " + e.getMessage(), e);
            return;
        }
        try (reader) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Type field = captionField(schema, feed.options().column());
            if (field == null) {
                String wanted = feed.options().column() == null ? "TEXT or caption" : "'" + feed.options().column() + "'";
                feed.fileProblem(null, "no column " + wanted + "; columns are "
                        + schema.getFields().stream().map(Type::getName).collect(Collectors.toList()), null);
                return;
            }
            if (!field.isPrimitive()
                    || field.asPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY) {
                feed.fileProblem(null, "column '" + field.getName() + "' is not a string column: " + field, null);
                return;
            }
            MessageType projection = new MessageType(schema.getName(), field);
            reader.setRequestedSchema(projection);
            ColumnDescriptor column = projection.getColumns().get(0);
            int present = column.getMaxDefinitionLevel();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            long row = 0;
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                ColumnReader values = new ColumnReadStoreImpl(rowGroup, new IgnoringConverter(), projection, createdBy)
                        .getColumnReader(column);
                for (long v = 0, n = values.getTotalValueCount(); v < n; v++) {
                    feed.at("row", ++row);
                    if (values.getCurrentDefinitionLevel() == present) {
                        Binary text = values.getBinary();
                        byte[] bytes = text.getBytesUnsafe();
                        feed.caption(bytes, 0, bytes.length);
                    }
                    values.consume();
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof CorpusException) {
                throw e;
            }
            feed.fileProblem("at " + feed.position(), "corrupt Parquet data: " + e, e);
        }
    }

    private static Type captionField(MessageType schema, String wanted) {
        List<String> names = wanted == null ? DEFAULT_COLUMNS : List.of(wanted);
        for (String name : names) {
            for (Type field : schema.getFields()) {
                if (field.getName().equalsIgnoreCase(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** The column reader wants a record converter; values are read straight from the column instead. */
    private static final class IgnoringConverter extends GroupConverter {
        private final PrimitiveConverter ignore = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return ignore;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
