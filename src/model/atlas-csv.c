/* atlas-csv.c — a small RFC 4180 CSV reader over bytes in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-csv.h"

void
atlas_csv_reader_init (AtlasCsvReader *reader,
                       const char     *data,
                       gsize           length)
{
  memset (reader, 0, sizeof *reader);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  reader->data = data;
  reader->length = length;
  reader->line = 1;
  reader->separator = ',';
  reader->buffer = g_string_sized_new (1024);
  reader->starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 32);
}

void
atlas_csv_reader_set_separator (AtlasCsvReader *reader,
                                char            separator)
{
  g_return_if_fail (separator == ',' || separator == ';' || separator == '\t');

  reader->separator = separator;
}

char
atlas_csv_guess_separator (const char *data,
                           gsize       length)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

void
atlas_csv_reader_clear (AtlasCsvReader *reader)
{
  if (reader->buffer != NULL)
    g_string_free (reader->buffer, TRUE);
  reader->buffer = NULL;
  g_clear_pointer (&reader->starts, g_array_unref);
}

static void
start_field (AtlasCsvReader *reader)
{
  gsize start = reader->buffer->len;

  g_array_append_val (reader->starts, start);
}

static void
end_field (AtlasCsvReader *reader)
{
  g_string_append_c (reader->buffer, '\0');
}

/* Copies the unquoted bytes up to the next comma or line end. */
static void
read_plain (AtlasCsvReader *reader)
{
  const char *data = reader->data;
  gsize end = reader->pos;

  while (end < reader->length && data[end] != reader->separator && data[end] != '\n' && data[end] != '\r')
    end++;

  g_string_append_len (reader->buffer, data + reader->pos, (gssize) (end - reader->pos));
  reader->pos = end;
}

/* After the opening quote: copies up to the closing quote, undoubling "". */
static gboolean
read_quoted (AtlasCsvReader  *reader,
             GError         **error)
{
  const char *data = reader->data;

  reader->pos++;
  for (;;)
    {
      const char *quote = memchr (data + reader->pos, '"', reader->length - reader->pos);
      gsize end = quote != NULL ? (gsize) (quote - data) : reader->length;

      for (const char *p = data + reader->pos; p != NULL && p < data + end; p++)
        {
          p = memchr (p, '\n', (gsize) (data + end - p));
          if (p == NULL)
            break;
          reader->line++;
        }

      g_string_append_len (reader->buffer, data + reader->pos, (gssize) (end - reader->pos));
      if (quote == NULL)
        {
          reader->pos = reader->length;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("a quoted field is not closed"));
          return FALSE;
        }

      reader->pos = end + 1;
      if (reader->pos < reader->length && data[reader->pos] == '"')
        {
          g_string_append_c (reader->buffer, '"');
          reader->pos++;
          continue;
        }

      if (reader->pos < reader->length && data[reader->pos] != reader->separator
          && data[reader->pos] != '\n' && data[reader->pos] != '\r')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("unexpected character after the closing quote of field %u"),
                       reader->starts->len);
          return FALSE;
        }
      return TRUE;
    }
}

AtlasCsvResult
atlas_csv_reader_next (AtlasCsvReader  *reader,
                       GError         **error)
{
  const char *data = reader->data;

  g_string_truncate (reader->buffer, 0);
  g_array_set_size (reader->starts, 0);

  /* empty lines */
  while (reader->pos < reader->length
         && (data[reader->pos] == '\n' || data[reader->pos] == '\r'))
    {
      if (data[reader->pos] == '\n')
        reader->line++;
      reader->pos++;
    }

  if (reader->pos >= reader->length)
    return ATLAS_CSV_END;

  reader->record_line = reader->line;

  for (;;)
    {
      start_field (reader);
      if (data[reader->pos] == '"')
        {
          if (!read_quoted (reader, error))
            return ATLAS_CSV_ERROR;
        }
      else
        read_plain (reader);
      end_field (reader);

      if (reader->pos >= reader->length)
        return ATLAS_CSV_RECORD;

      if (data[reader->pos] == reader->separator)
        {
          reader->pos++;
          if (reader->pos >= reader->length)
            {
              /* a trailing comma: one more, empty field */
              start_field (reader);
              end_field (reader);
              return ATLAS_CSV_RECORD;
            }
          continue;
        }

      /* the line ends: CRLF, LF or a lone CR */
      if (data[reader->pos] == '\r')
        reader->pos++;
      if (reader->pos < reader->length && data[reader->pos] == '\n')
        reader->pos++;
      reader->line++;
      return ATLAS_CSV_RECORD;
    }
}

guint
atlas_csv_reader_get_n_fields (AtlasCsvReader *reader)
{
  return reader->starts->len;
}

const char *
atlas_csv_reader_get_field (AtlasCsvReader *reader,
                            guint           i)
{
  g_return_val_if_fail (i < reader->starts->len, NULL);

  return reader->buffer->str + g_array_index (reader->starts, gsize, i);
}
