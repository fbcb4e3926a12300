/* atlas-import-acled.h — an ACLED CSV export as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns of ACLED's codebook; see README ("Other formats") for the mapping.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE when @data (valid UTF-8, optionally with a BOM) starts with an ACLED
 * header: a CSV line naming the event_id_cnty and event_date columns.
 * @is_csv is set when the first line at least looks like CSV (it has a comma, a
 * semicolon or a tab, and does not start like JSON). */
gboolean  atlas_import_acled_sniff (const char  *data,
                                    gsize        length,
                                    gboolean    *is_csv);

/* The document, or NULL with @error (ATLAS_DATASET_ERROR): FORMAT for a missing
 * required column, SYNTAX for broken quoting, INVALID for bad values, each line
 * "DISPLAY_NAME:LINE: column NAME: what is wrong" (LINE where the record starts). */
JsonNode *atlas_import_acled       (const char  *data,
                                    gsize        length,
                                    const char  *display_name,
                                    GError     **error);

/* For big exports: the document comes without its events, which are then made one
 * at a time (each record is read twice; the first reading checks them all, so the
 * events of the second are valid as far as the importer can tell). */
typedef struct _AtlasAcledReader AtlasAcledReader;

/* NULL with @error as atlas_import_acled() gives it; else *@document is the
 * document with an empty "events" array */
AtlasAcledReader *atlas_acled_reader_new        (const char        *data,
                                                 gsize              length,
                                                 const char        *display_name,
                                                 JsonNode         **document,
                                                 GError           **error);
/* the next event object (transfer full), or NULL after the last; *@fraction (may be
 * NULL) tells how far through the records it is */
JsonNode         *atlas_acled_reader_next_event (AtlasAcledReader  *reader,
                                                 double            *fraction);
void              atlas_acled_reader_free       (AtlasAcledReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasAcledReader, atlas_acled_reader_free)

G_END_DECLS
