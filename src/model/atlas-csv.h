/* atlas-csv.h — a small RFC 4180 CSV reader over bytes in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields are separated by commas (or another separator: spreadsheets in many
 * locales write semicolons, some exports tabs) and records by LF or CRLF; a field
 * in double quotes may hold separators, line breaks and doubled quotes ("").  A leading UTF-8
 * byte-order mark is skipped and empty lines are ignored.  One pass, no copy of
 * the input: the current record's fields are unescaped into one buffer.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;          /* physical line (1-based) of the byte at pos */
  guint       record_line;   /* line the current record starts on */
  GString    *buffer;        /* the current record's fields, each NUL-terminated */
  GArray     *starts;        /* gsize offsets of the fields in buffer */
  char        separator;     /* ',' unless set */
} AtlasCsvReader;

typedef enum
{
  ATLAS_CSV_RECORD,
  ATLAS_CSV_END,
  ATLAS_CSV_ERROR,
} AtlasCsvResult;

void            atlas_csv_reader_init         (AtlasCsvReader  *reader,
                                               const char      *data,
                                               gsize            length);
void            atlas_csv_reader_clear        (AtlasCsvReader  *reader);
/* before the first record: ',', ';' or '\t' */
void            atlas_csv_reader_set_separator (AtlasCsvReader *reader,
                                                char            separator);
/* The separator of the header line starting at @data (after any BOM): the one of
 * ',', ';' and '\t' that occurs most often outside quotes; ',' on a tie or when
 * none occurs. */
char            atlas_csv_guess_separator     (const char      *data,
                                               gsize            length);

/* Reads the next record.  On ATLAS_CSV_ERROR, @error (G_IO_ERROR_INVALID_DATA)
 * says what is wrong, without a position: the reader's record_line has it. */
AtlasCsvResult  atlas_csv_reader_next         (AtlasCsvReader  *reader,
                                               GError         **error);
guint           atlas_csv_reader_get_n_fields (AtlasCsvReader  *reader);
/* the unescaped field @i of the current record, NUL-terminated */
const char     *atlas_csv_reader_get_field    (AtlasCsvReader  *reader,
                                               guint            i);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AtlasCsvReader, atlas_csv_reader_clear)

G_END_DECLS
