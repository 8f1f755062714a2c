package dev.cape.app.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file whose headers name no model, family or size column: the column-mapping dialog asks the user.
 *
 * @param file    the file
 * @param headers its header cells in file order
 * @param reason  what the importer could not find
 */
public record MappingRequest(Path file, List<String> headers, String reason) {

    public MappingRequest {
        headers = List.copyOf(headers);
    }
}
