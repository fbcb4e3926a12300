/* atlas-import-timelinejs-sheet.c — a TimelineJS spreadsheet (CSV) as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TimelineJS timelines are mostly written in its Google Sheets template and
 * downloaded as CSV.  Each row is checked here, with messages naming its line and
 * column, then turned into the slide TimelineJS's own JSON would have, so both
 * forms read the same way (atlas-import-timelinejs.c).
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-csv.h"
#include "atlas-dataset.h"
#include "atlas-import-timelinejs-sheet.h"
#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-json.h"

typedef enum
{
  COL_YEAR,
  COL_MONTH,
  COL_DAY,
  COL_TIME,
  COL_END_YEAR,
  COL_END_MONTH,
  COL_END_DAY,
  COL_END_TIME,
  COL_DISPLAY_DATE,
  COL_HEADLINE,
  COL_TEXT,
  COL_MEDIA,
  COL_MEDIA_CREDIT,
  COL_MEDIA_CAPTION,
  COL_TYPE,
  COL_GROUP,
  N_COLUMNS
} Column;

/* the template's column names */
static const char * const column_names[N_COLUMNS] = {
  [COL_YEAR] = "Year",
  [COL_MONTH] = "Month",
  [COL_DAY] = "Day",
  [COL_TIME] = "Time",
  [COL_END_YEAR] = "End Year",
  [COL_END_MONTH] = "End Month",
  [COL_END_DAY] = "End Day",
  [COL_END_TIME] = "End Time",
  [COL_DISPLAY_DATE] = "Display Date",
  [COL_HEADLINE] = "Headline",
  [COL_TEXT] = "Text",
  [COL_MEDIA] = "Media",
  [COL_MEDIA_CREDIT] = "Media Credit",
  [COL_MEDIA_CAPTION] = "Media Caption",
  [COL_TYPE] = "Type",
  [COL_GROUP] = "Group",
};

typedef struct
{
  AtlasProblems  problems;
  int            column[N_COLUMNS];   /* index in the record, or -1 */
} Sheet;

#define add_problem(sheet, line, column, ...) \
  atlas_import_add_line_problem (&(sheet)->problems, (line), column_names[(column)], __VA_ARGS__)

/* a header cell, trimmed, without its quotes, compared without case */
static int
find_column (AtlasCsvReader *reader,
             const char     *name)
{
  for (guint i = 0; i < atlas_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (atlas_csv_reader_get_field (reader, i)));

      if (g_ascii_strcasecmp (cell, name) == 0)
        return (int) i;
    }
  return -1;
}

gboolean
atlas_import_timelinejs_sheet_sniff (const char *data,
                                     gsize       length)
{
  g_auto(AtlasCsvReader) reader;
  const char *end;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  end = memchr (data, '\n', MIN (length, 65536));
  length = end != NULL ? (gsize) (end - data) : MIN (length, 65536);

  atlas_csv_reader_init (&reader, data, length);
  atlas_csv_reader_set_separator (&reader, atlas_csv_guess_separator (data, length));
  if (atlas_csv_reader_next (&reader, NULL) != ATLAS_CSV_RECORD)
    return FALSE;

  return find_column (&reader, "Year") >= 0 && find_column (&reader, "Headline") >= 0;
}

/* the trimmed cell of @column, "" when the sheet has no such column */
static char *
cell (AtlasCsvReader *reader,
      Sheet          *sheet,
      Column          column)
{
  int i = sheet->column[column];

  if (i < 0 || (guint) i >= atlas_csv_reader_get_n_fields (reader))
    return g_strdup ("");
  return g_strstrip (g_strdup (atlas_csv_reader_get_field (reader, (guint) i)));
}

/* a whole number in [@min, @max] into @date[@member]; nothing when empty */
static void
read_part (Sheet          *sheet,
           AtlasCsvReader *reader,
           Column          column,
           int             min,
           int             max,
           JsonObject     *date,
           const char     *member)
{
  g_autofree char *text = cell (reader, sheet, column);
  gint64 value;
  char *end;

  if (*text == '\0')
    return;

  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || end == text)
    add_problem (sheet, reader->record_line, column, _("expected a whole number, got \"%s\""),
                 text);
  else if (value < min || value > max)
    add_problem (sheet, reader->record_line, column, _("%lld is out of range (%d to %d)"),
                 (long long) value, min, max);
  else
    json_object_set_int_member (date, member, value);
}

/* "14:30", "14:30:15", "2:30 PM", "2:30:15 am" into @date's hour, minute, second */
static void
read_time (Sheet          *sheet,
           AtlasCsvReader *reader,
           Column          column,
           JsonObject     *date)
{
  g_autofree char *text = cell (reader, sheet, column);
  int parts[3] = { -1, -1, -1 };
  const char *p = text;
  int n = 0, pm = -1;
  gboolean ok = TRUE;

  if (*text == '\0')
    return;

  while (ok && n < 3 && g_ascii_isdigit (*p))
    {
      int value = 0, digits = 0;

      while (g_ascii_isdigit (*p) && digits < 3)
        {
          value = value * 10 + (*p++ - '0');
          digits++;
        }
      parts[n++] = value;
      ok = digits <= 2 && (n == 1 || digits == 2);
      if (*p != ':')
        break;
      p++;
    }
  while (*p == ' ')
    p++;
  if (g_ascii_strcasecmp (p, "am") == 0 || g_ascii_strcasecmp (p, "a.m.") == 0)
    pm = 0;
  else if (g_ascii_strcasecmp (p, "pm") == 0 || g_ascii_strcasecmp (p, "p.m.") == 0)
    pm = 1;
  else if (*p != '\0')
    ok = FALSE;

  ok = ok && n >= 2 && parts[1] <= 59 && (parts[2] < 0 || parts[2] <= 59);
  if (ok && pm >= 0)
    {
      ok = parts[0] >= 1 && parts[0] <= 12;
      parts[0] = parts[0] % 12 + (pm ? 12 : 0);
    }
  ok = ok && parts[0] <= 23;

  if (!ok)
    {
      add_problem (sheet, reader->record_line, column,
                   _("expected a time such as 14:30, 14:30:15 or 2:30 PM, got \"%s\""), text);
      return;
    }

  json_object_set_int_member (date, "hour", parts[0]);
  json_object_set_int_member (date, "minute", parts[1]);
  if (parts[2] >= 0)
    json_object_set_int_member (date, "second", parts[2]);
}

/* the date of the columns starting at @year, or NULL when they are all empty */
static JsonObject *
read_date (Sheet          *sheet,
           AtlasCsvReader *reader,
           Column          year)
{
  JsonObject *date = json_object_new ();

  read_part (sheet, reader, year, 1, 9999, date, "year");
  read_part (sheet, reader, year + 1, 1, 12, date, "month");
  read_part (sheet, reader, year + 2, 1, 31, date, "day");
  read_time (sheet, reader, year + 3, date);

  if (json_object_get_size (date) > 0 && !json_object_has_member (date, "year"))
    {
      g_autofree char *text = cell (reader, sheet, year);

      if (*text == '\0')
        add_problem (sheet, reader->record_line, year, "%s",
                     _("a year is needed when a month, day or time is given"));
    }
  if (json_object_get_size (date) == 0)
    {
      json_object_unref (date);
      return NULL;
    }
  return date;
}

static void
set_text (JsonObject *object,
          const char *member,
          const char *text)
{
  if (*text != '\0')
    json_object_set_string_member (object, member, text);
}

/* The slide TimelineJS would read from the row; NULL for an era (a period the
 * template draws behind the events, not an event) */
static JsonObject *
read_row (Sheet          *sheet,
          AtlasCsvReader *reader,
          gboolean       *is_title)
{
  g_autofree char *type = cell (reader, sheet, COL_TYPE);
  g_autofree char *headline = cell (reader, sheet, COL_HEADLINE);
  g_autofree char *body = cell (reader, sheet, COL_TEXT);
  JsonObject *slide, *text, *start, *end;

  *is_title = g_ascii_strcasecmp (type, "title") == 0;
  if (g_ascii_strcasecmp (type, "era") == 0)
    return NULL;

  slide = json_object_new ();
  text = json_object_new ();
  set_text (text, "headline", headline);
  set_text (text, "text", body);
  json_object_set_object_member (slide, "text", text);
  if (*is_title)
    return slide;

  start = read_date (sheet, reader, COL_YEAR);
  if (start == NULL)
    {
      g_autofree char *year = cell (reader, sheet, COL_YEAR);

      if (*year == '\0')
        add_problem (sheet, reader->record_line, COL_YEAR, "%s",
                     _("a required value is missing"));
    }
  else
    json_object_set_object_member (slide, "start_date", start);

  end = read_date (sheet, reader, COL_END_YEAR);
  if (end != NULL)
    json_object_set_object_member (slide, "end_date", end);

  {
    g_autofree char *display_date = cell (reader, sheet, COL_DISPLAY_DATE);
    g_autofree char *group = cell (reader, sheet, COL_GROUP);
    g_autofree char *url = cell (reader, sheet, COL_MEDIA);
    g_autofree char *credit = cell (reader, sheet, COL_MEDIA_CREDIT);
    g_autofree char *caption = cell (reader, sheet, COL_MEDIA_CAPTION);
    JsonObject *media = json_object_new ();

    set_text (slide, "display_date", display_date);
    set_text (slide, "group", group);
    set_text (media, "url", url);
    set_text (media, "credit", credit);
    set_text (media, "caption", caption);
    if (json_object_get_size (media) > 0)
      json_object_set_object_member (slide, "media", media);
    else
      json_object_unref (media);
  }

  return slide;
}

/* the slide's member a message is about, as the sheet's columns */
static const struct
{
  const char *path;
  Column      first;
  Column      last;
} slide_columns[] = {
  { "start_date.year", COL_YEAR, COL_YEAR },
  { "start_date.month", COL_MONTH, COL_MONTH },
  { "start_date.day", COL_DAY, COL_DAY },
  { "start_date", COL_YEAR, COL_TIME },
  { "end_date.year", COL_END_YEAR, COL_END_YEAR },
  { "end_date.month", COL_END_MONTH, COL_END_MONTH },
  { "end_date.day", COL_END_DAY, COL_END_DAY },
  { "end_date", COL_END_YEAR, COL_END_TIME },
  { "text.headline", COL_HEADLINE, COL_HEADLINE },
  { "text.text", COL_TEXT, COL_TEXT },
  { "display_date", COL_DISPLAY_DATE, COL_DISPLAY_DATE },
};

/* ".end_date: 2016-12-01 is before…" → "columns End Year to End Time: 2016-12-01 is
 * before…" */
static void
append_columns (GString    *out,
                const char *rest)
{
  if (*rest == '.')
    rest++;

  for (guint i = 0; i < G_N_ELEMENTS (slide_columns); i++)
    {
      gsize n = strlen (slide_columns[i].path);

      if (strncmp (rest, slide_columns[i].path, n) != 0 || rest[n] != ':')
        continue;
      if (slide_columns[i].first == slide_columns[i].last)
        g_string_append_printf (out, "%s %s", _("column"), column_names[slide_columns[i].first]);
      else
        /* Translators: the columns of a spreadsheet, e.g. "columns Year to Time" */
        g_string_append_printf (out, _("columns %s to %s"),
                                column_names[slide_columns[i].first],
                                column_names[slide_columns[i].last]);
      g_string_append (out, rest + n);
      return;
    }
  g_string_append (out, rest);
}


JsonNode *
atlas_import_timelinejs_sheet (const char  *data,
                               gsize        length,
                               const char  *display_name,
                               GError     **error)
{
  g_auto(AtlasCsvReader) reader;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GArray) row_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(GError) import_error = NULL;
  JsonObject *timeline = json_object_new ();
  JsonArray *events = json_array_new ();
  Sheet sheet;
  AtlasCsvResult result;
  JsonNode *imported;

  g_return_val_if_fail (display_name != NULL, NULL);

  json_node_take_object (root, timeline);
  json_object_set_array_member (timeline, "events", events);
  atlas_problems_init (&sheet.problems);

  atlas_csv_reader_init (&reader, data, length);
  atlas_csv_reader_set_separator (&reader, atlas_csv_guess_separator (data, length));
  result = atlas_csv_reader_next (&reader, &csv_error);
  for (guint c = 0; c < N_COLUMNS; c++)
    sheet.column[c] = result == ATLAS_CSV_RECORD ? find_column (&reader, column_names[c]) : -1;

  while (result == ATLAS_CSV_RECORD)
    {
      JsonObject *slide;
      gboolean is_title;
      gboolean blank = TRUE;
      guint n_before;

      result = atlas_csv_reader_next (&reader, &csv_error);
      if (result != ATLAS_CSV_RECORD)
        break;

      /* spreadsheets pad their exports with rows of empty cells */
      for (guint i = 0; blank && i < atlas_csv_reader_get_n_fields (&reader); i++)
        {
          const char *field = atlas_csv_reader_get_field (&reader, i);

          while (g_ascii_isspace (*field))
            field++;
          blank = *field == '\0';
        }
      if (blank)
        continue;

      n_before = sheet.problems.n_problems;
      slide = read_row (&sheet, &reader, &is_title);
      if (slide == NULL)
        continue;
      if (sheet.problems.n_problems > n_before)
        {
          json_object_unref (slide);
          continue;
        }
      if (is_title && !json_object_has_member (timeline, "title"))
        json_object_set_object_member (timeline, "title", slide);
      else if (is_title)
        json_object_unref (slide);
      else
        {
          json_array_add_object_element (events, slide);
          g_array_append_val (row_lines, reader.record_line);
        }
    }

  if (result == ATLAS_CSV_ERROR)
    {
      g_autofree char *where = g_strdup_printf ("%u", reader.record_line);

      atlas_problems_add (&sheet.problems, where, "%s", csv_error->message);
    }

  if (sheet.problems.n_problems == 0 && json_array_get_length (events) == 0)
    {
      atlas_problems_clear (&sheet.problems);
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID,
                   _("%s: a TimelineJS sheet without events (no row below the header has a "
                     "year)"), display_name);
      return NULL;
    }

  /* the rows that passed are read on, so their own problems (a 30 February, an
   * end before the start) are told at the same time */
  imported = atlas_import_timelinejs (root, display_name, &import_error);
  imported = atlas_import_finish_converted (imported, import_error, &sheet.problems,
                                           display_name, "events", row_lines, append_columns,
                                           error);
  atlas_problems_clear (&sheet.problems);
  return imported;
}
