/* atlas-import-acled.c — an ACLED CSV export as an event-atlas document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes: each record becomes an event object; actors,
 * locations and sources are deduplicated through hash tables as they appear.
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-csv.h"
#include "atlas-dataset.h"
#include "atlas-import-acled.h"
#include "atlas-import-util.h"
#include "atlas-json.h"
#include "atlas-time.h"

/* the columns the importer reads; every other column becomes a property */
typedef enum
{
  COL_EVENT_ID,
  COL_EVENT_DATE,
  COL_TIME_PRECISION,
  COL_EVENT_TYPE,
  COL_SUB_EVENT_TYPE,
  COL_DISORDER_TYPE,
  COL_ACTOR1,
  COL_ASSOC_ACTOR_1,
  COL_ACTOR2,
  COL_ASSOC_ACTOR_2,
  COL_CIVILIAN_TARGETING,
  COL_LOCATION,
  COL_LATITUDE,
  COL_LONGITUDE,
  COL_GEO_PRECISION,
  COL_SOURCE,
  COL_NOTES,
  COL_FATALITIES,
  N_COLUMNS
} Column;

static const struct
{
  const char *name;
  gboolean    required;
  gboolean    kept;       /* also shown as a property */
} columns[N_COLUMNS] = {
  [COL_EVENT_ID] = { "event_id_cnty", TRUE, FALSE },
  [COL_EVENT_DATE] = { "event_date", TRUE, FALSE },
  [COL_TIME_PRECISION] = { "time_precision", FALSE, TRUE },
  [COL_EVENT_TYPE] = { "event_type", FALSE, TRUE },
  [COL_SUB_EVENT_TYPE] = { "sub_event_type", FALSE, TRUE },
  [COL_DISORDER_TYPE] = { "disorder_type", FALSE, TRUE },
  [COL_ACTOR1] = { "actor1", FALSE, FALSE },
  [COL_ASSOC_ACTOR_1] = { "assoc_actor_1", FALSE, FALSE },
  [COL_ACTOR2] = { "actor2", FALSE, FALSE },
  [COL_ASSOC_ACTOR_2] = { "assoc_actor_2", FALSE, FALSE },
  [COL_CIVILIAN_TARGETING] = { "civilian_targeting", FALSE, TRUE },
  [COL_LOCATION] = { "location", TRUE, FALSE },
  [COL_LATITUDE] = { "latitude", TRUE, FALSE },
  [COL_LONGITUDE] = { "longitude", TRUE, FALSE },
  [COL_GEO_PRECISION] = { "geo_precision", FALSE, TRUE },
  [COL_SOURCE] = { "source", FALSE, FALSE },
  [COL_NOTES] = { "notes", FALSE, FALSE },
  [COL_FATALITIES] = { "fatalities", FALSE, FALSE },
};

/* geo_precision 1, 2, 3 → metres (see README) */
static const double geo_precision_m[] = { 2000, 25000, 100000 };


typedef struct
{
  const char    *display_name;
  AtlasProblems  problems;

  JsonArray     *sources;
  JsonArray     *actors;
  JsonArray     *locations;
  JsonArray     *events;

  int            column[N_COLUMNS];   /* index in the record, or -1 */
  gboolean      *used;                /* per header column: read, not a property */
  char         **header;
  guint          n_header;

  GHashTable    *event_lines;         /* event id → first line */
  GHashTable    *actor_ids;           /* name → id (owned by taken_actor_ids) */
  GHashTable    *taken_actor_ids;
  GHashTable    *location_ids;        /* "name\x1Flat\x1Flon" → id */
  GHashTable    *taken_location_ids;
  GHashTable    *source_ids;          /* source text → id */
  gboolean       decimal_comma;       /* fields separated by semicolons */
  gboolean       replay;              /* reading the records again, for their events */
} Importer;

static void
importer_clear (Importer *importer)
{
  atlas_problems_clear (&importer->problems);
  g_clear_pointer (&importer->used, g_free);
  g_clear_pointer (&importer->header, g_strfreev);
  g_clear_pointer (&importer->event_lines, g_hash_table_unref);
  g_clear_pointer (&importer->actor_ids, g_hash_table_unref);
  g_clear_pointer (&importer->taken_actor_ids, g_hash_table_unref);
  g_clear_pointer (&importer->location_ids, g_hash_table_unref);
  g_clear_pointer (&importer->taken_location_ids, g_hash_table_unref);
  g_clear_pointer (&importer->source_ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

#define add_problem(importer, line, column, ...) \
  atlas_import_add_line_problem (&(importer)->problems, (line), (column), __VA_ARGS__)

static gboolean
set_problems_error (Importer  *importer,
                    int        code,
                    GError   **error)
{
  return atlas_import_check_line_problems (&importer->problems, importer->display_name, code,
                                           error);
}

static const char *
field (AtlasCsvReader *reader,
       Importer       *importer,
       Column          column)
{
  int i = importer->column[column];

  return i >= 0 ? atlas_csv_reader_get_field (reader, (guint) i) : "";
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */

/* "2016-12-05", "05 December 2016", "5 Dec 2016" → "2016-12-05"; a day, nothing else */
static char *
parse_date (const char *text)
{
  g_autofree char *iso = atlas_import_parse_written_date (text);
  AtlasTimeParse parse;

  if (iso == NULL || !atlas_time_parse (iso, &parse, NULL) ||
      parse.precision != ATLAS_PRECISION_DAY || strchr (iso, 'T') != NULL)
    return NULL;
  return g_steal_pointer (&iso);
}

/* @decimal_comma: the file was written by a spreadsheet that separates fields with
 * semicolons, and then writes "36,2021" for 36.2021 */
static gboolean
parse_number (const char *text,
              gboolean    decimal_comma,
              double     *out)
{
  g_autofree char *copy = NULL;
  char *end, *comma;

  if (*text == '\0')
    return FALSE;
  if (decimal_comma && strchr (text, '.') == NULL && (comma = strchr (text, ',')) != NULL &&
      strchr (comma + 1, ',') == NULL)
    {
      copy = g_strdup (text);
      copy[comma - text] = '.';
      text = copy;
    }
  *out = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*out);
}

static gboolean
parse_count (const char *text,
             gint64     *out)
{
  guint64 value;
  char *end;

  if (*text < '0' || *text > '9')
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || value > G_MAXINT64)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Entries                                                                  */

static const char *
intern_actor (Importer   *importer,
              const char *name)
{
  const char *id = g_hash_table_lookup (importer->actor_ids, name);
  g_autofree char *slug = NULL;
  JsonObject *actor;

  if (id != NULL)
    return id;

  slug = atlas_import_slugify (name, "actor");
  id = atlas_import_unique_id (importer->taken_actor_ids, slug);
  g_hash_table_insert (importer->actor_ids, g_strdup (name), (gpointer) id);

  actor = json_object_new ();
  json_object_set_string_member (actor, "id", id);
  json_object_set_string_member (actor, "name", name);
  if (g_str_has_prefix (name, "Civilians"))
    json_object_set_string_member (actor, "kind", "civilians");
  json_array_add_object_element (importer->actors, actor);
  return id;
}

static void
add_participant (Importer   *importer,
                 JsonArray  *participants,
                 GHashTable *seen,
                 const char *name,
                 const char *role)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  JsonObject *participant;
  const char *id;

  if (*trimmed == '\0')
    return;

  id = intern_actor (importer, trimmed);
  if (!g_hash_table_add (seen, g_strconcat (id, "\n", role, NULL)))
    return;

  participant = json_object_new ();
  json_object_set_string_member (participant, "actor", id);
  json_object_set_string_member (participant, "role", role);
  json_array_add_object_element (participants, participant);
}

/* "A; B" → each a participant with @role */
static void
add_participants (Importer   *importer,
                  JsonArray  *participants,
                  GHashTable *seen,
                  const char *names,
                  const char *role)
{
  g_auto(GStrv) parts = g_strsplit (names, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    add_participant (importer, participants, seen, parts[i], role);
}

static const char *
intern_location (Importer   *importer,
                 const char *name,
                 double      lat,
                 double      lon,
                 int         geo_precision)
{
  g_autofree char *key = g_strdup_printf ("%s\x1F%.6f\x1F%.6f", name, lat, lon);
  JsonObject *location;
  const char *id = atlas_import_location (importer->locations, importer->location_ids,
                                          importer->taken_location_ids, key, name, "location",
                                          lat, lon, &location);

  if (location != NULL && geo_precision > 0)
    json_object_set_double_member (location, "precision_m", geo_precision_m[geo_precision - 1]);
  return id;
}

static const char *
intern_source (Importer   *importer,
               const char *text)
{
  const char *id = g_hash_table_lookup (importer->source_ids, text);
  JsonObject *source;
  char *new_id;

  if (id != NULL)
    return id;

  new_id = g_strdup_printf ("source-%u", g_hash_table_size (importer->source_ids) + 1);
  g_hash_table_insert (importer->source_ids, g_strdup (text), new_id);

  source = json_object_new ();
  json_object_set_string_member (source, "id", new_id);
  json_object_set_string_member (source, "title", text);
  json_array_add_object_element (importer->sources, source);
  return new_id;
}

/* ------------------------------------------------------------------------ */
/* Records                                                                  */

static gboolean
read_header (Importer        *importer,
             AtlasCsvReader  *reader)
{
  guint n = atlas_csv_reader_get_n_fields (reader);
  GString *missing = NULL;

  importer->n_header = n;
  importer->header = g_new0 (char *, n + 1);
  importer->used = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    importer->header[i] = g_strstrip (g_ascii_strdown (atlas_csv_reader_get_field (reader, i),
                                                       -1));

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      importer->column[c] = -1;
      for (guint i = 0; i < n && importer->column[c] < 0; i++)
        {
          if (g_str_equal (importer->header[i], columns[c].name))
            {
              importer->column[c] = (int) i;
              importer->used[i] = !columns[c].kept;
            }
        }

      if (importer->column[c] < 0 && columns[c].required)
        {
          if (missing == NULL)
            missing = g_string_new (NULL);
          else
            g_string_append (missing, ", ");
          g_string_append (missing, columns[c].name);
        }
    }

  if (missing != NULL)
    {
      add_problem (importer, reader->record_line, NULL,
                   _("missing required ACLED column(s): %s"),
                   missing->str);
      g_string_free (missing, TRUE);
      return FALSE;
    }

  return TRUE;
}

/* The event of the current record, or NULL when it has a problem (told) */
static JsonObject *
read_record (Importer       *importer,
             AtlasCsvReader *reader)
{
  guint line = reader->record_line;
  guint before = importer->problems.n_problems;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(JsonArray) participants = NULL;
  JsonArray *places;
  JsonObject *place, *properties;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *category = NULL;
  const char *id, *text, *location_name, *location_id, *source_id, *what, *actor2_role;
  double lat = 0, lon = 0;
  int time_precision = 1, geo_precision = 0;
  gint64 fatalities = -1;

  if (atlas_csv_reader_get_n_fields (reader) != importer->n_header)
    {
      add_problem (importer, line, NULL, _("expected %u fields as in the header, got %u"),
                   importer->n_header, atlas_csv_reader_get_n_fields (reader));
      return NULL;
    }

  id = field (reader, importer, COL_EVENT_ID);
  if (*id == '\0')
    add_problem (importer, line, "event_id_cnty", "%s", _("must not be empty"));
  else if (importer->replay)
    ;   /* the second reading: every id was checked in the first */
  else if (g_hash_table_contains (importer->event_lines, id))
    add_problem (importer, line, "event_id_cnty", _("duplicate id \"%s\" (first on line %u)"),
                 id, GPOINTER_TO_UINT (g_hash_table_lookup (importer->event_lines, id)));
  else
    g_hash_table_insert (importer->event_lines, g_strdup (id), GUINT_TO_POINTER (line));

  text = field (reader, importer, COL_EVENT_DATE);
  date = parse_date (text);
  if (date == NULL)
    add_problem (importer, line, "event_date",
                 _("expected a date (2016-12-05 or 05 December 2016), got \"%s\""), text);

  text = field (reader, importer, COL_TIME_PRECISION);
  if (*text != '\0')
    {
      if (strlen (text) != 1 || text[0] < '1' || text[0] > '3')
        add_problem (importer, line, "time_precision", _("expected 1, 2 or 3, got \"%s\""),
                     text);
      else
        time_precision = text[0] - '0';
    }

  text = field (reader, importer, COL_GEO_PRECISION);
  if (*text != '\0')
    {
      if (strlen (text) != 1 || text[0] < '1' || text[0] > '3')
        add_problem (importer, line, "geo_precision", _("expected 1, 2 or 3, got \"%s\""), text);
      else
        geo_precision = text[0] - '0';
    }

  text = field (reader, importer, COL_LATITUDE);
  if (!parse_number (text, importer->decimal_comma, &lat))
    add_problem (importer, line, "latitude", _("expected a number, got \"%s\""), text);
  else if (lat < -90 || lat > 90)
    add_problem (importer, line, "latitude", _("%g is out of range (%g to %g)"), lat, -90.0,
                 90.0);

  text = field (reader, importer, COL_LONGITUDE);
  if (!parse_number (text, importer->decimal_comma, &lon))
    add_problem (importer, line, "longitude", _("expected a number, got \"%s\""), text);
  else if (lon < -180 || lon > 180)
    add_problem (importer, line, "longitude", _("%g is out of range (%g to %g)"), lon, -180.0,
                 180.0);

  text = field (reader, importer, COL_FATALITIES);
  if (*text != '\0' && !parse_count (text, &fatalities))
    add_problem (importer, line, "fatalities",
                 _("expected a non-negative integer, got \"%s\""), text);

  if (importer->problems.n_problems > before)
    return NULL;

  location_name = field (reader, importer, COL_LOCATION);
  if (*location_name == '\0')
    location_name = _("unnamed place");

  /* what the event names, in this order in both readings, so that the ids the first
   * reading gives are the ones the second finds */
  location_id = intern_location (importer, location_name, lat, lon, geo_precision);

  /* actor1 and its associates act; actor2 and its associates are the target,
   * or the victims when ACLED marks the event as civilian targeting */
  actor2_role = *field (reader, importer, COL_CIVILIAN_TARGETING) != '\0' ? "victim" : "target";
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  participants = json_array_new ();
  add_participant (importer, participants, seen, field (reader, importer, COL_ACTOR1), "agent");
  add_participants (importer, participants, seen, field (reader, importer, COL_ASSOC_ACTOR_1),
                    "agent");
  add_participant (importer, participants, seen, field (reader, importer, COL_ACTOR2),
                   actor2_role);
  add_participants (importer, participants, seen, field (reader, importer, COL_ASSOC_ACTOR_2),
                    actor2_role);

  text = field (reader, importer, COL_SOURCE);
  source_id = *text != '\0' ? intern_source (importer, text) : NULL;

  /* the first reading gathers those and makes no event */
  if (!importer->replay)
    return NULL;

  event = json_object_new ();
  json_object_set_string_member (event, "id", id);

  what = field (reader, importer, COL_SUB_EVENT_TYPE);
  if (*what == '\0')
    what = field (reader, importer, COL_EVENT_TYPE);
  if (*what == '\0')
    what = _("Event");
  /* Translators: an ACLED event's title: "Armed clash in Aleppo" */
  title = g_strdup_printf (_("%s in %s"), what, location_name);
  json_object_set_string_member (event, "title", title);

  /* time_precision: 1 the day, 2 a week around it, 3 its month */
  if (time_precision == 3)
    {
      char month[8];

      memcpy (month, date, 7);
      month[7] = '\0';
      json_object_set_string_member (event, "start", month);
    }
  else
    json_object_set_string_member (event, "start", date);
  if (time_precision == 2)
    json_object_set_string_member (event, "date_precision", "week");
  if (time_precision > 1)
    json_object_set_string_member (event, "date_basis", "approximate");

  text = field (reader, importer, COL_NOTES);
  if (*text != '\0')
    json_object_set_string_member (event, "summary", text);

  text = field (reader, importer, COL_EVENT_TYPE);
  if (*text == '\0')
    text = field (reader, importer, COL_DISORDER_TYPE);
  if (*text != '\0')
    {
      category = g_utf8_strdown (text, -1);
      json_object_set_string_member (event, "category", category);
    }

  places = json_array_new ();
  place = json_object_new ();
  json_object_set_string_member (place, "location", location_id);
  json_array_add_object_element (places, place);
  json_object_set_array_member (event, "places", places);

  if (json_array_get_length (participants) > 0)
    json_object_set_array_member (event, "participants", g_steal_pointer (&participants));

  if (source_id != NULL)
    {
      JsonObject *provenance = json_object_new ();
      const char *notes = field (reader, importer, COL_NOTES);

      json_object_set_string_member (provenance, "source", source_id);
      if (*notes != '\0')
        json_object_set_string_member (provenance, "excerpt", notes);
      json_object_set_object_member (event, "source", provenance);
    }

  if (fatalities >= 0)
    {
      JsonObject *counts = json_object_new ();

      json_object_set_int_member (counts, "reported", fatalities);
      json_object_set_object_member (event, "fatalities", counts);
    }

  properties = json_object_new ();
  for (guint i = 0; i < importer->n_header; i++)
    {
      const char *value = atlas_csv_reader_get_field (reader, i);

      if (!importer->used[i] && *value != '\0' && *importer->header[i] != '\0'
          && !json_object_has_member (properties, importer->header[i]))
        json_object_set_string_member (properties, importer->header[i], value);
    }
  if (json_object_get_size (properties) > 0)
    json_object_set_object_member (event, "properties", properties);
  else
    json_object_unref (properties);

  return g_steal_pointer (&event);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

gboolean
atlas_import_acled_sniff (const char *data,
                          gsize       length,
                          gboolean   *is_csv)
{
  g_autoptr(GString) line = NULL;
  g_auto(GStrv) names = NULL;
  gboolean has_id = FALSE, has_date = FALSE;
  char separator;
  const char *end;
  gsize n;

  *is_csv = FALSE;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* skip blank space: JSON starts with { or [ */
  while (length > 0 && g_ascii_isspace (*data))
    {
      data++;
      length--;
    }
  if (length == 0 || *data == '{' || *data == '[')
    return FALSE;

  end = memchr (data, '\n', MIN (length, 65536));
  n = end != NULL ? (gsize) (end - data) : MIN (length, 65536);
  line = g_string_new_len (data, (gssize) n);
  separator = atlas_csv_guess_separator (line->str, line->len);
  if (memchr (line->str, separator, line->len) == NULL)
    return FALSE;
  *is_csv = TRUE;

  names = g_strsplit (line->str, (const char[]) { separator, '\0' }, -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (names[i]), -1);
      gsize len = strlen (name);

      /* a header cell may be quoted */
      if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
        {
          memmove (name, name + 1, len - 2);
          name[len - 2] = '\0';
        }
      has_id |= g_str_equal (name, "event_id_cnty");
      has_date |= g_str_equal (name, "event_date");
    }

  return has_id && has_date;
}

struct _AtlasAcledReader
{
  Importer        importer;
  AtlasCsvReader  csv;
  char           *display_name;
};

void
atlas_acled_reader_free (AtlasAcledReader *reader)
{
  importer_clear (&reader->importer);
  atlas_csv_reader_clear (&reader->csv);
  g_free (reader->display_name);
  g_free (reader);
}

/* the CSV reader on the first record after the header; FALSE on a header problem */
static gboolean
start_records (AtlasAcledReader  *reader,
               const char        *data,
               gsize              length,
               AtlasCsvResult    *result,
               GError           **csv_error)
{
  atlas_csv_reader_init (&reader->csv, data, length);
  atlas_csv_reader_set_separator (&reader->csv, atlas_csv_guess_separator (data, length));
  reader->importer.decimal_comma = reader->csv.separator == ';';
  *result = atlas_csv_reader_next (&reader->csv, csv_error);
  if (*result != ATLAS_CSV_RECORD || reader->importer.replay)
    return TRUE;
  return read_header (&reader->importer, &reader->csv);
}

AtlasAcledReader *
atlas_acled_reader_new (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        JsonNode   **document,
                        GError     **error)
{
  g_autoptr(AtlasAcledReader) reader = g_new0 (AtlasAcledReader, 1);
  Importer *importer = &reader->importer;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autofree char *basename = g_path_get_basename (display_name);
  JsonObject *object;
  AtlasCsvResult result;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);

  object = atlas_import_new_document (&root, basename);
  reader->display_name = g_strdup (display_name);
  importer->display_name = reader->display_name;
  atlas_problems_init (&importer->problems);
  importer->sources = json_object_get_array_member (object, "sources");
  importer->actors = json_object_get_array_member (object, "actors");
  importer->locations = json_object_get_array_member (object, "locations");
  importer->events = json_object_get_array_member (object, "events");
  importer->event_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->actor_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->taken_actor_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->taken_location_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* the first reading checks every record and gathers the actors, places and
   * sources; the events are made in the second, one at a time */
  if (!start_records (reader, data, length, &result, &csv_error))
    {
      set_problems_error (importer, ATLAS_DATASET_ERROR_FORMAT, error);
      return NULL;
    }

  while (result == ATLAS_CSV_RECORD)
    {
      result = atlas_csv_reader_next (&reader->csv, &csv_error);
      if (result == ATLAS_CSV_RECORD)
        {
          g_autoptr(JsonObject) event = read_record (importer, &reader->csv);
        }
    }

  if (result == ATLAS_CSV_ERROR)
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_SYNTAX, "%s:%u: %s",
                   display_name, reader->csv.record_line, csv_error->message);
      return NULL;
    }

  if (!set_problems_error (importer, ATLAS_DATASET_ERROR_INVALID, error))
    return NULL;

  g_clear_pointer (&importer->event_lines, g_hash_table_unref);
  importer->replay = TRUE;
  atlas_csv_reader_clear (&reader->csv);
  start_records (reader, data, length, &result, NULL);

  *document = g_steal_pointer (&root);
  return g_steal_pointer (&reader);
}

JsonNode *
atlas_acled_reader_next_event (AtlasAcledReader *reader,
                               double           *fraction)
{
  g_return_val_if_fail (reader != NULL, NULL);

  while (atlas_csv_reader_next (&reader->csv, NULL) == ATLAS_CSV_RECORD)
    {
      if (fraction != NULL)
        *fraction = reader->csv.length > 0 ? (double) reader->csv.pos / reader->csv.length : 1;
      g_autoptr(JsonObject) event = read_record (&reader->importer, &reader->csv);

      if (event != NULL)
        return json_node_init_object (json_node_alloc (), event);
    }
  return NULL;
}

JsonNode *
atlas_import_acled (const char  *data,
                    gsize        length,
                    const char  *display_name,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(AtlasAcledReader) reader = atlas_acled_reader_new (data, length, display_name,
                                                               &root, error);
  JsonArray *events;
  JsonNode *event;

  if (reader == NULL)
    return NULL;

  events = json_object_get_array_member (json_node_get_object (root), "events");
  while ((event = atlas_acled_reader_next_event (reader, NULL)) != NULL)
    json_array_add_element (events, event);

  return g_steal_pointer (&root);
}
