/* test-import.c — GeoJSON, ACLED CSV and TimelineJS into the model, and back out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "atlas-csv.h"
#include "atlas-import-acled.h"
#include "atlas-export.h"
#include "atlas-import-timelinejs.h"
#include "atlas-import-util.h"
#include "atlas-loader.h"
#include "atlas-model.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static AtlasDataset *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static AtlasDataset *
load_text (const char  *text,
           const char  *name,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return atlas_dataset_new_from_bytes (bytes, name, error);
}

static void
assert_fails (const char *text,
              const char *name,
              int         code,
              const char *message)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = load_text (text, name, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* "loc-a,loc-b" (role appended when not "occurred") */
static char *
describe_places (AtlasEvent *event)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < atlas_event_get_n_places (event); i++)
    {
      AtlasPlaceRole role;
      AtlasLocation *location = atlas_event_get_place (event, i, &role);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", atlas_location_get_id (location));
      if (role != ATLAS_PLACE_ROLE_OCCURRED)
        g_string_append_printf (out, ":%s", atlas_place_role_to_string (role));
    }
  return g_string_free (out, FALSE);
}

/* "actor:role,…" */
static char *
describe_participants (AtlasEvent *event)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < atlas_event_get_n_participants (event); i++)
    {
      AtlasParticipantRole role;
      AtlasActor *actor = atlas_event_get_participant (event, i, &role);

      g_string_append_printf (out, "%s%s:%s", i > 0 ? "," : "", atlas_actor_get_id (actor),
                              atlas_participant_role_to_string (role));
    }
  return g_string_free (out, FALSE);
}

/* "key=value;…" */
static char *
describe_properties (AtlasEvent *event)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < atlas_event_get_n_properties (event); i++)
    {
      const char *key;
      const char *value = atlas_event_get_property (event, i, &key);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? ";" : "", key, value);
    }
  return g_string_free (out, FALSE);
}

static char *
describe_fatalities (AtlasEvent *event)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < atlas_event_get_n_fatalities (event); i++)
    {
      const char *qualifier;
      gint64 count;
      const char *kind = atlas_event_get_fatality (event, i, &count, &qualifier);

      g_string_append_printf (out, "%s%s=%" G_GINT64_FORMAT "%s%s", i > 0 ? ";" : "", kind,
                              count, qualifier != NULL ? " " : "",
                              qualifier != NULL ? qualifier : "");
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char    *id;
  const char    *title;
  const char    *start;      /* start text, NULL for undated */
  const char    *end;
  AtlasPrecision precision;
  AtlasBasis     basis;
  const char    *places;
  const char    *participants;
  const char    *category;
} ExpectedEvent;

static void
assert_events (AtlasDataset        *dataset,
               const ExpectedEvent *expected,
               guint                n)
{
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, n);

  for (guint i = 0; i < n; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      g_autofree char *places = describe_places (event);
      g_autofree char *participants = describe_participants (event);

      g_test_message ("event %u: %s", i, atlas_event_get_id (event));
      g_assert_cmpstr (atlas_event_get_id (event), ==, expected[i].id);
      g_assert_cmpstr (atlas_event_get_title (event), ==, expected[i].title);
      g_assert_cmpstr (atlas_event_get_start_text (event), ==, expected[i].start);
      g_assert_cmpstr (atlas_event_get_end_text (event), ==, expected[i].end);
      g_assert_cmpint (atlas_event_is_undated (event), ==, expected[i].start == NULL);
      if (expected[i].start != NULL)
        {
          g_assert_cmpint (atlas_event_get_precision (event), ==, expected[i].precision);
          g_assert_cmpint (atlas_event_get_basis (event), ==, expected[i].basis);
        }
      g_assert_cmpstr (places, ==, expected[i].places);
      g_assert_cmpstr (participants, ==, expected[i].participants);
      g_assert_cmpstr (atlas_event_get_category (event), ==, expected[i].category);
    }
}

static void
assert_location (AtlasDataset *dataset,
                 const char   *id,
                 const char   *name,
                 double        lat,
                 double        lon,
                 double        precision_m,
                 guint         n_area_points)
{
  AtlasLocation *location = atlas_dataset_lookup_location (dataset, id);
  guint n = 0;

  g_assert_nonnull (location);
  g_assert_cmpstr (atlas_location_get_name (location), ==, name);
  g_assert_cmpfloat_with_epsilon (atlas_location_get_latitude (location), lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (atlas_location_get_longitude (location), lon, 1e-9);
  g_assert_cmpfloat (atlas_location_get_precision_m (location), ==, precision_m);
  atlas_location_get_area (location, &n);
  g_assert_cmpuint (n, ==, n_area_points);
}

static char *
list_ids (GListModel  *list,
          const char *(*get_id) (gpointer item))
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", get_id (item));
    }
  return g_string_free (out, FALSE);
}

static const char *
actor_id (gpointer item)
{
  return atlas_actor_get_id (item);
}

static const char *
location_id (gpointer item)
{
  return atlas_location_get_id (item);
}

static const char *
source_id (gpointer item)
{
  return atlas_source_get_id (item);
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

static void
test_csv_reader (void)
{
  const char *data = "\xEF\xBB\xBF" "a,\"b, c\",\"say \"\"hi\"\"\"\r\n"
                     "\r\n"
                     "1,\"two\nlines\",\r\n"
                     "x,,\"\"\n"
                     "last,\"\",end";
  g_auto(AtlasCsvReader) reader;
  g_autoptr(GError) error = NULL;

  atlas_csv_reader_init (&reader, data, strlen (data));

  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_RECORD);
  g_assert_cmpuint (reader.record_line, ==, 1);
  g_assert_cmpuint (atlas_csv_reader_get_n_fields (&reader), ==, 3);
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 0), ==, "a");
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 1), ==, "b, c");
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 2), ==, "say \"hi\"");

  /* the empty line is skipped; the quoted line break is kept and counted */
  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_RECORD);
  g_assert_cmpuint (reader.record_line, ==, 3);
  g_assert_cmpuint (atlas_csv_reader_get_n_fields (&reader), ==, 3);
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 0), ==, "1");
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 1), ==, "two\nlines");
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 2), ==, "");

  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_RECORD);
  g_assert_cmpuint (reader.record_line, ==, 5);
  g_assert_cmpuint (atlas_csv_reader_get_n_fields (&reader), ==, 3);
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 1), ==, "");
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 2), ==, "");

  /* no final line break */
  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_RECORD);
  g_assert_cmpuint (reader.record_line, ==, 6);
  g_assert_cmpstr (atlas_csv_reader_get_field (&reader, 2), ==, "end");

  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_END);
  g_assert_no_error (error);
}

static void
test_csv_reader_errors (void)
{
  g_auto(AtlasCsvReader) reader;
  g_auto(AtlasCsvReader) reader2;
  g_autoptr(GError) error = NULL;
  const char *unclosed = "a,b\n\"open,c\nd\n";
  const char *junk = "\"a\"x,b\n";

  atlas_csv_reader_init (&reader, unclosed, strlen (unclosed));
  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_RECORD);
  g_assert_cmpint (atlas_csv_reader_next (&reader, &error), ==, ATLAS_CSV_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "a quoted field is not closed");
  g_assert_cmpuint (reader.record_line, ==, 2);
  g_clear_error (&error);

  atlas_csv_reader_init (&reader2, junk, strlen (junk));
  g_assert_cmpint (atlas_csv_reader_next (&reader2, &error), ==, ATLAS_CSV_ERROR);
  g_assert_cmpstr (error->message, ==, "unexpected character after the closing quote of field 1");
}

/* ------------------------------------------------------------------------ */
/* ACLED                                                                    */

static void
test_acled_fixture (void)
{
  static const ExpectedEvent expected[] = {
    { "SYR1003", "Peaceful protest in Idleb", "2016-12", NULL, ATLAS_PRECISION_MONTH,
      ATLAS_BASIS_APPROXIMATE, "idleb", "protesters-syria:agent,teachers-syria:agent",
      "protests" },
    { "SYR1001", "Shelling/artillery/missile attack in Aleppo", "2016-12-05", NULL,
      ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED, "aleppo",
      "military-forces-of-syria-2000:agent,civilians-syria:victim",
      "explosions/remote violence" },
    { "SYR1002", "Armed clash in Aleppo", "2016-12-05", NULL, ATLAS_PRECISION_WEEK,
      ATLAS_BASIS_APPROXIMATE, "aleppo",
      "hayat-tahrir-al-sham:agent,ahrar-al-sham:agent,nour-al-din-al-zenki:agent,"
      "military-forces-of-syria-2000:target", "battles" },
    { "SYR1004", "Looting/property destruction in Aleppo", "2016-12-06", NULL,
      ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED, "aleppo-2",
      "military-forces-of-syria-2000:agent", "strategic developments" },
  };
  g_autoptr(AtlasDataset) dataset = load_fixture ("acled.csv");
  g_autofree char *actors = list_ids (atlas_dataset_get_actors (dataset), actor_id);
  g_autofree char *locations = list_ids (atlas_dataset_get_locations (dataset), location_id);
  g_autofree char *sources = list_ids (atlas_dataset_get_sources (dataset), source_id);
  g_autofree char *properties = NULL;
  g_autofree char *fatalities = NULL;
  AtlasEvent *event;
  gint64 from, to;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "acled.csv");
  assert_events (dataset, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (actors, ==,
                   "military-forces-of-syria-2000,civilians-syria,hayat-tahrir-al-sham,"
                   "ahrar-al-sham,nour-al-din-al-zenki,protesters-syria,teachers-syria");
  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset,
                                                                     "nour-al-din-al-zenki")),
                   ==, "Nour al-Din al-Zenki");
  g_assert_cmpint (atlas_actor_get_kind (atlas_dataset_lookup_actor (dataset,
                                                                     "civilians-syria")),
                   ==, ATLAS_ACTOR_KIND_CIVILIANS);

  /* deduplicated by (location, latitude, longitude); geo_precision 1/2/3 → metres */
  g_assert_cmpstr (locations, ==, "aleppo,idleb,aleppo-2");
  assert_location (dataset, "aleppo", "Aleppo", 36.2021, 37.1343, 2000, 0);
  assert_location (dataset, "idleb", "Idleb", 35.9306, 36.6339, 25000, 0);
  assert_location (dataset, "aleppo-2", "Aleppo", 36.1, 37.0, 100000, 0);

  g_assert_cmpstr (sources, ==, "source-1,source-2");
  g_assert_cmpstr (atlas_source_get_title (atlas_dataset_lookup_source (dataset, "source-1")),
                   ==, "SANA; SOHR");
  g_assert_cmpstr (atlas_source_get_title (atlas_dataset_lookup_source (dataset, "source-2")),
                   ==, "SOHR");

  /* quoting: commas and doubled quotes; notes → summary and excerpt */
  event = atlas_dataset_lookup_event (dataset, "SYR1001");
  g_assert_cmpstr (atlas_event_get_summary (event), ==,
                   "Shelling hit the Furqan district, killing a \"Russian\" nurse.");
  g_assert_cmpstr (atlas_event_get_excerpt (event), ==, atlas_event_get_summary (event));
  g_assert_cmpstr (atlas_source_get_id (atlas_event_get_source (event)), ==, "source-1");
  fatalities = describe_fatalities (event);
  g_assert_cmpstr (fatalities, ==, "reported=1");
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==,
                   "year=2016;time_precision=1;disorder_type=Political violence;"
                   "event_type=Explosions/Remote violence;"
                   "sub_event_type=Shelling/artillery/missile attack;inter1=1;inter2=7;"
                   "interaction=17;civilian_targeting=Civilian targeting;iso=760;"
                   "region=Middle East;country=Syria;admin1=Aleppo;admin2=Jebel Saman;"
                   "admin3=Aleppo;geo_precision=1;source_scale=National;timestamp=1481000000");

  /* a quoted line break inside notes */
  event = atlas_dataset_lookup_event (dataset, "SYR1002");
  g_assert_cmpstr (atlas_event_get_summary (event), ==,
                   "Clashes in eastern Aleppo.\nFighting continued overnight.");
  g_assert_cmpstr (atlas_source_get_id (atlas_event_get_source (event)), ==, "source-2");
  g_clear_pointer (&fatalities, g_free);
  fatalities = describe_fatalities (event);
  g_assert_cmpstr (fatalities, ==, "reported=12");

  /* a month event spans its month; zero fatalities are kept */
  event = atlas_dataset_lookup_event (dataset, "SYR1003");
  atlas_event_get_span (event, &from, &to);
  g_assert_cmpint (from, ==, atlas_time_from_civil (2016, 12, 1, 0, 0, 0));
  g_assert_cmpint (to, ==, atlas_time_from_civil (2017, 1, 1, 0, 0, 0));
  g_clear_pointer (&fatalities, g_free);
  fatalities = describe_fatalities (event);
  g_assert_cmpstr (fatalities, ==, "reported=0");

  /* no source, notes or fatalities */
  event = atlas_dataset_lookup_event (dataset, "SYR1004");
  g_assert_null (atlas_event_get_source (event));
  g_assert_null (atlas_event_get_summary (event));
  g_assert_cmpuint (atlas_event_get_n_fatalities (event), ==, 0);
}

#define ACLED_HEADER "event_id_cnty,event_date,time_precision,actor1,location,latitude," \
                     "longitude,geo_precision,fatalities\n"

static void
test_acled_errors (void)
{
  assert_fails ("event_id_cnty,event_date,location,longitude\nX1,2016-12-05,A,1\n", "a.csv",
                ATLAS_DATASET_ERROR_FORMAT,
                "a.csv:1: missing required ACLED column(s): latitude");
  assert_fails ("event_id_cnty,event_date\nX1,2016-12-05\n", "a.csv",
                ATLAS_DATASET_ERROR_FORMAT,
                "a.csv:1: missing required ACLED column(s): location, latitude, longitude");
  /* the line is where the record starts, after a record with a line break */
  assert_fails (ACLED_HEADER
                "X1,2016-12-05,1,\"Army\nof the North\",A,1,2,1,0\n"
                "X2,2016-12-05,1,Army,B,x,2,1,0\n", "a.csv",
                ATLAS_DATASET_ERROR_INVALID,
                "a.csv:4: column latitude: expected a number, got \"x\"");
  assert_fails (ACLED_HEADER
                "X1,31 November 2016,4,Army,A,91,2,9,-1\n"
                "X1,2016-12-05,1,Army,A,1,181,1,3\n"
                "X3,2016-12-05,1,Army\n", "a.csv",
                ATLAS_DATASET_ERROR_INVALID,
                "a.csv:2: column event_date: expected a date (2016-12-05 or 05 December 2016), "
                "got \"31 November 2016\"\n"
                "a.csv:2: column time_precision: expected 1, 2 or 3, got \"4\"\n"
                "a.csv:2: column geo_precision: expected 1, 2 or 3, got \"9\"\n"
                "a.csv:2: column latitude: 91 is out of range (-90 to 90)\n"
                "a.csv:2: column fatalities: expected a non-negative integer, got \"-1\"\n"
                "a.csv:3: column event_id_cnty: duplicate id \"X1\" (first on line 2)\n"
                "a.csv:3: column longitude: 181 is out of range (-180 to 180)\n"
                "a.csv:4: expected 9 fields as in the header, got 4");
  assert_fails (ACLED_HEADER "X1,2016-12-05,1,\"Army,A,1,2,1,0\n", "a.csv",
                ATLAS_DATASET_ERROR_SYNTAX, "a.csv:2: a quoted field is not closed");
  /* CSV, but not ACLED */
  assert_fails ("id,date,lat,lon\n1,2016-12-05,1,2\n", "b.csv", ATLAS_DATASET_ERROR_FORMAT,
                "b.csv: not an event-atlas dataset (this looks like a CSV file, but neither "
                "an ACLED export nor a TimelineJS sheet: its first line has neither "
                "event_id_cnty and event_date columns nor Year and Headline columns)");
  /* the same byte checks as JSON */
  {
    const char nul[] = "event_id_cnty,event_date\nX\0,2016\n";
    g_autoptr(GBytes) bytes = g_bytes_new (nul, sizeof nul - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasDataset) dataset = atlas_dataset_new_from_bytes (bytes, "n.csv", &error);

    g_assert_null (dataset);
    g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_ENCODING);
    g_assert_cmpstr (error->message, ==, "n.csv:2:2: NUL byte");
  }
}

static void
test_acled_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  dataset = load_text (ACLED_HEADER
                       "A,5 Dec 2016,,x,P,1,2,,\n"
                       "B,29 February 2016,,,P,1,2,,\n"
                       "C,2016-02-29,,,P,1,2,,\n", "d.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_event_get_start_text (atlas_dataset_lookup_event (dataset, "A")), ==,
                   "2016-12-05");
  g_assert_cmpstr (atlas_event_get_start_text (atlas_dataset_lookup_event (dataset, "B")), ==,
                   "2016-02-29");
  g_assert_cmpstr (atlas_event_get_title (atlas_dataset_lookup_event (dataset, "B")), ==,
                   "Event in P");
  /* one location for the three, no precision given */
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), ==, 1);
  g_assert_cmpfloat (atlas_location_get_precision_m (atlas_dataset_lookup_location (dataset,
                                                                                    "p")),
                     ==, 0);
}

/* ------------------------------------------------------------------------ */
/* GeoJSON                                                                  */

static void
test_geojson_fixture (void)
{
  static const ExpectedEvent expected[] = {
    { "f-strike", "Airstrike on Furqan", "2016-12-05", NULL, ATLAS_PRECISION_DAY,
      ATLAS_BASIS_STATED, "furqan", "russia:mentioned,syrian-army:mentioned", "military" },
    { "feature-3-2", "Siege of eastern Aleppo", "2016-12-05T00:00:00Z", NULL,
      ATLAS_PRECISION_SECOND, ATLAS_BASIS_STATED, "siege-of-eastern-aleppo", "", NULL },
    { "42", "Convoy route", "2016-12-05T10:00:00+02:00", "2016-12-05T14:30:00+02:00",
      ATLAS_PRECISION_SECOND, ATLAS_BASIS_STATED, "convoy-route,convoy-route-2",
      "rebels:agent,russia:target", "movement" },
    { "feature-4", "Statement in Geneva", "2016-12-05T16:00:00Z", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "", "", NULL },
    { "feature-3", "Idlib front", "2016-12-06T00:00:00Z", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "idlib", "", NULL },
    { "feature-5", "Undated report", NULL, NULL, 0, 0, "furqan", "", NULL },
  };
  g_autoptr(AtlasDataset) dataset = load_fixture ("features.geojson");
  g_autofree char *actors = list_ids (atlas_dataset_get_actors (dataset), actor_id);
  g_autofree char *locations = list_ids (atlas_dataset_get_locations (dataset), location_id);
  g_autofree char *properties = NULL;
  AtlasEvent *event;
  gint64 from, to;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Aleppo features");
  assert_events (dataset, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (actors, ==, "russia,syrian-army,rebels");
  g_assert_cmpstr (atlas_actor_get_name (atlas_dataset_lookup_actor (dataset, "syrian-army")),
                   ==, "Syrian Army");

  /* one location per distinct geometry; a polygon's centroid and outer ring */
  g_assert_cmpstr (locations, ==,
                   "furqan,convoy-route,convoy-route-2,siege-of-eastern-aleppo,idlib");
  assert_location (dataset, "furqan", "Furqan", 36.2021, 37.1343, 0, 0);
  assert_location (dataset, "convoy-route-2", "Convoy route", 36.25, 37.2, 0, 0);
  assert_location (dataset, "siege-of-eastern-aleppo", "Siege of eastern Aleppo", 36.22, 37.2,
                   0, 5);
  assert_location (dataset, "idlib", "Idlib", 35.95, 36.65, 0, 4);

  /* every other property, as text, in file order (null left out) */
  event = atlas_dataset_lookup_event (dataset, "f-strike");
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==, "casualties=3;verified=true;ratio=0.1");
  event = atlas_dataset_lookup_event (dataset, "42");
  g_clear_pointer (&properties, g_free);
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==,
                   "date=ignored: start comes first;extra={\"a\":1,\"b\":[true,null]}");

  /* a date-time without offset is read as UTC, and says so */
  event = atlas_dataset_lookup_event (dataset, "feature-4");
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "no UTC offset given; read as UTC");
  g_assert_cmpstr (atlas_event_get_summary (event), ==, "Talks were announced.");

  /* milliseconds and seconds since 1970 */
  event = atlas_dataset_lookup_event (dataset, "feature-3-2");
  g_assert_cmpint (atlas_event_get_start (event), ==, atlas_time_from_civil (2016, 12, 5, 0, 0, 0));

  /* undated: no span, last, outside the time range */
  event = atlas_dataset_lookup_event (dataset, "feature-5");
  g_assert_true (atlas_event_is_undated (event));
  g_assert_cmpint (atlas_event_get_start (event), ==, ATLAS_TIME_NONE);
  atlas_event_get_span (event, &from, &to);
  g_assert_cmpint (from, ==, ATLAS_TIME_NONE);
  g_assert_cmpint (to, ==, ATLAS_TIME_NONE);
  g_assert_true (atlas_dataset_get_time_range (dataset, &from, &to));
  g_assert_cmpint (from, ==, atlas_time_from_civil (2016, 12, 5, 0, 0, 0));
  g_assert_cmpint (to, ==, atlas_time_from_civil (2016, 12, 6, 0, 0, 1));
  {
    g_autofree char *date = atlas_event_format_date (event);

    g_assert_cmpstr (date, ==, "undated");
  }
}

static void
test_geojson_single_feature (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasEvent *event;

  dataset = load_text ("{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                       "\"coordinates\": [2.35, 48.85]}, \"properties\": {\"time\": "
                       "\"1480939200\", \"name\": 7}}", "one.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "one.geojson");
  event = atlas_dataset_get_event (dataset, 0);
  g_assert_cmpstr (atlas_event_get_id (event), ==, "feature-1");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "7");
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12-05T12:00:00Z");
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, NULL)), ==, "7");
}

static void
test_geojson_errors (void)
{
  assert_fails ("{\"type\": \"FeatureCollection\", \"features\": ["
                "{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": \"LineString\", "
                "\"coordinates\": [[1, 2]]}, \"properties\": {}},"
                "{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": {\"type\": \"Point\", "
                "\"coordinates\": [200, 2]}, \"properties\": {\"date\": \"2016-13-01\"}},"
                "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", "
                "\"coordinates\": [[[1, 1], [2, 2], [1, 1]]]}, \"properties\": "
                "{\"timestamp\": true}},"
                "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\", "
                "\"coordinates\": [[1, \"2\"], [5]]}, \"properties\": {\"actors\": [3]}},"
                "{\"type\": \"Point\"}, 5]}", "bad.geojson",
                ATLAS_DATASET_ERROR_INVALID,
                "bad.geojson: features[1].id: duplicate id \"a\" (first at features[0])\n"
                "bad.geojson: features[0].geometry.coordinates: a line needs at least 2 "
                "positions, got 1\n"
                "bad.geojson: features[1].properties.date: 2016-13-01: month 13 does not exist\n"
                "bad.geojson: features[1].geometry.coordinates[0]: 200 is out of range "
                "(-180 to 180)\n"
                "bad.geojson: features[2].properties.timestamp: expected an ISO 8601 date or "
                "a number of seconds since 1970, got a boolean\n"
                "bad.geojson: features[2].geometry.coordinates[0]: a polygon ring needs at "
                "least 3 distinct positions, got 2\n"
                "bad.geojson: features[3].properties.actors[0]: expected a string, got a "
                "number\n"
                "bad.geojson: features[3].geometry.coordinates[0][1]: expected a number, got a "
                "string\n"
                "bad.geojson: features[3].geometry.coordinates[1]: expected a [lon, lat] "
                "position, got a shorter array\n"
                "bad.geojson: features[4].type: expected \"Feature\", got \"Point\"\n"
                "bad.geojson: features[5]: expected an object, got a number");
  assert_fails ("{\"type\": \"Feature\", \"geometry\": {\"type\": \"GeometryCollection\", "
                "\"geometries\": [{\"type\": \"GeometryCollection\", \"geometries\": []}, "
                "{\"type\": \"Curve\"}]}, \"properties\": null}", "g.geojson",
                ATLAS_DATASET_ERROR_INVALID,
                "g.geojson: geometry.geometries[0].type: \"GeometryCollection\" is "
                "not supported (expected Point, MultiPoint, LineString, MultiLineString, "
                "Polygon, MultiPolygon or GeometryCollection)\n"
                "g.geojson: geometry.geometries[1].type: \"Curve\" is not supported "
                "(expected Point, MultiPoint, LineString, MultiLineString, Polygon, "
                "MultiPolygon or GeometryCollection)");
  assert_fails ("{\"type\": \"FeatureCollection\"}", "c.geojson", ATLAS_DATASET_ERROR_INVALID,
                "c.geojson: features: a required member is missing");
}

/* Tens of thousands of positions or of places named alike cost one pass, not one
 * pass each; an event has at most 65,535 places */
static void
test_geojson_many (void)
{
  GString *json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasEvent *event;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (json, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                            "\"coordinates\": [%u.5, 1]}, \"properties\": {\"name\": \"Same\"}}",
                            i > 0 ? "," : "", i % 170);
  g_string_append (json, ", {\"type\": \"Feature\", \"id\": \"multi\", \"geometry\": "
                   "{\"type\": \"MultiPoint\", \"coordinates\": [");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (json, "%s[%d.25, %u.5]", i > 0 ? "," : "", (int) (i % 300) - 150,
                            i / 300);
  g_string_append (json, "]}, \"properties\": null}]}");

  dataset = load_text (json->str, "many.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, 30001);
  g_assert_cmpstr (atlas_event_get_title (atlas_dataset_lookup_event (dataset, "feature-30000")),
                   ==, "Same");
  g_assert_nonnull (atlas_dataset_lookup_location (dataset, "same-170"));
  g_assert_null (atlas_dataset_lookup_location (dataset, "same-171"));
  event = atlas_dataset_lookup_event (dataset, "multi");
  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 20000);
  g_clear_object (&dataset);

  g_string_truncate (json, 0);
  g_string_append (json, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\", "
                   "\"coordinates\": [");
  for (guint i = 0; i < 70000; i++)
    g_string_append_printf (json, "%s[%.2f, %d.5]", i > 0 ? "," : "", (i % 1000) * 0.25 - 125,
                            (int) (i / 1000) - 35);
  g_string_append (json, "]}, \"properties\": {}}");
  assert_fails (json->str, "big.geojson", ATLAS_DATASET_ERROR_INVALID,
                "big.geojson: events[0].places: too many entries: 70000 (at most 65535)");
  g_string_free (json, TRUE);
}

/* A line's ends become the event's origin and destination; the members of a
 * geometry collection are read in turn. */
static void
test_geojson_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasEvent *event;
  AtlasPlaceRole role;

  dataset = load_text ("{\"type\": \"FeatureCollection\", \"features\": ["
                       "{\"type\": \"Feature\", \"id\": \"route\", \"geometry\": "
                       "{\"type\": \"LineString\", \"coordinates\": "
                       "[[37.1, 36.2], [37.0, 36.0], [36.7, 35.1]]}, "
                       "\"properties\": {\"title\": \"Convoy\", \"date\": \"2016-12-05\"}},"
                       "{\"type\": \"Feature\", \"id\": \"loop\", \"geometry\": "
                       "{\"type\": \"LineString\", \"coordinates\": [[5, 5], [6, 6], [5, 5]]}, "
                       "\"properties\": {\"title\": \"Patrol\"}},"
                       "{\"type\": \"Feature\", \"id\": \"mixed\", \"geometry\": "
                       "{\"type\": \"GeometryCollection\", \"geometries\": ["
                       "{\"type\": \"Point\", \"coordinates\": [30, 40]}, "
                       "{\"type\": \"MultiLineString\", \"coordinates\": "
                       "[[[31, 41], [32, 42]]]}]}, \"properties\": {\"title\": \"Both\"}}]}",
                       "lines.geojson", &error);
  g_assert_no_error (error);

  event = atlas_dataset_lookup_event (dataset, "route");
  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 2);
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, &role)), ==,
                   "Convoy (start)");
  g_assert_cmpint (role, ==, ATLAS_PLACE_ROLE_ORIGIN);
  g_assert_cmpfloat (atlas_location_get_latitude (atlas_event_get_place (event, 0, NULL)), ==,
                     36.2);
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 1, &role)), ==,
                   "Convoy (end)");
  g_assert_cmpint (role, ==, ATLAS_PLACE_ROLE_DESTINATION);
  g_assert_cmpfloat (atlas_location_get_longitude (atlas_event_get_place (event, 1, NULL)), ==,
                     36.7);

  /* a line that comes back where it started is one place */
  event = atlas_dataset_lookup_event (dataset, "loop");
  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 1);
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, &role)), ==,
                   "Patrol");
  g_assert_cmpint (role, ==, ATLAS_PLACE_ROLE_OCCURRED);

  event = atlas_dataset_lookup_event (dataset, "mixed");
  g_assert_cmpuint (atlas_event_get_n_places (event), ==, 3);
  g_assert_cmpfloat (atlas_location_get_latitude (atlas_event_get_place (event, 0, NULL)), ==,
                     40);
  g_assert_cmpfloat (atlas_location_get_latitude (atlas_event_get_place (event, 2, &role)), ==,
                     42);
  g_assert_cmpint (role, ==, ATLAS_PLACE_ROLE_DESTINATION);
}

/* ------------------------------------------------------------------------ */
/* TimelineJS                                                               */

static void
test_timelinejs_fixture (void)
{
  static const ExpectedEvent expected[] = {
    { "event-1", "A year of sieges", "2016", NULL, ATLAS_PRECISION_YEAR, ATLAS_BASIS_STATED,
      "", "", "context" },
    { "talks", "Talks & truce votes", "2016-12", "2017-01", ATLAS_PRECISION_MONTH,
      ATLAS_BASIS_STATED, "", "", "diplomacy" },
    { "event-3", "Nurse killed in Furqan", "2016-12-05T14:00Z", NULL, ATLAS_PRECISION_HOUR,
      ATLAS_BASIS_STATED, "", "", NULL },
    { "talks-2", "Event 4", "2016-12-05T16:30:05Z", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "", "", NULL },
    { "event-5", "Su-33 lost", "2016-12-06", "2016-12-08", ATLAS_PRECISION_DAY,
      ATLAS_BASIS_STATED, "", "", NULL },
  };
  g_autoptr(AtlasDataset) dataset = load_fixture ("timeline.json");
  g_autofree char *properties = NULL;
  AtlasEvent *event;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "The battle for Aleppo");
  g_assert_cmpstr (atlas_dataset_get_description (dataset), ==, "Events of December\u00A02016.");
  assert_events (dataset, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_actors (dataset)), ==, 0);

  event = atlas_dataset_lookup_event (dataset, "talks");
  g_assert_cmpstr (atlas_event_get_summary (event), ==,
                   "Lavrov & Kerry met.\nThen the UN voted.\n\n"
                   "Second \u2014 \"quoted\" \u263A &bogus;");
  event = atlas_dataset_lookup_event (dataset, "event-3");
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "Monday afternoon");
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==,
                   "media=https://example.org/photo.jpg;media caption=Photo of the clinic;"
                   "media credit=AFP");
  event = atlas_dataset_lookup_event (dataset, "talks-2");
  g_assert_cmpstr (atlas_event_get_summary (event), ==, "A slide without a headline.");
}

/* The same timeline as a download of TimelineJS's Google Sheets template */
static void
test_timelinejs_sheet_fixture (void)
{
  static const ExpectedEvent expected[] = {
    { "event-3", "Vote at the UN", "2016-12", NULL, ATLAS_PRECISION_MONTH, ATLAS_BASIS_STATED,
      "", "", "Diplomacy" },
    { "event-4", "Early shelling", "2016-12-05T09:05:30Z", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "", "", "Military" },
    { "event-1", "Nurse killed in Furqan", "2016-12-05T14:30Z", NULL, ATLAS_PRECISION_MINUTE,
      ATLAS_BASIS_STATED, "", "", "Casualties" },
    { "event-2", "Talks in Geneva", "2016-12-06", "2016-12-07", ATLAS_PRECISION_DAY,
      ATLAS_BASIS_STATED, "", "", "Diplomacy" },
  };
  g_autoptr(AtlasDataset) dataset = load_fixture ("timeline-sheet.csv");
  g_autofree char *properties = NULL;
  AtlasEvent *event;

  /* the title row; the era row is not an event; the row of empty cells is ignored */
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Battle for Aleppo");
  g_assert_cmpstr (atlas_dataset_get_description (dataset), ==, "Events of December 2016");
  assert_events (dataset, expected, G_N_ELEMENTS (expected));

  event = atlas_dataset_lookup_event (dataset, "event-1");
  g_assert_cmpstr (atlas_event_get_summary (event), ==, "A Russian nurse, killed.");
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "Monday afternoon");
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==,
                   "media=https://example.org/a.jpg;media caption=Field hospital;"
                   "media credit=Reuters");
}

static void
test_timelinejs_sheet_errors (void)
{
  assert_fails ("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Headline\n"
                "2016,13,5,25:00,,,,,A\n"
                "2016,2,30,,,,,,B\n"
                ",5,,,,,,,C\n"
                "2016,12,6,2:30 PM,2016,12,1,,D\n"
                "x,,,,,,,,E\n"
                "2016,1,1,12:60,,,,,F\n"
                "2016,1,1,13:00 PM,,,,,G\n"
                ",,,,,,,,H\n", "s.csv", ATLAS_DATASET_ERROR_INVALID,
                "s.csv:2: column Month: 13 is out of range (1 to 12)\n"
                "s.csv:2: column Time: expected a time such as 14:30, 14:30:15 or 2:30 PM, got "
                "\"25:00\"\n"
                "s.csv:3: columns Year to Time: 2016-02-30: day 30 does not exist in February "
                "2016\n"
                "s.csv:4: column Year: a year is needed when a month, day or time is given\n"
                "s.csv:5: columns End Year to End Time: 2016-12-01 is before the start "
                "2016-12-06T14:30Z\n"
                "s.csv:6: column Year: expected a whole number, got \"x\"\n"
                "s.csv:7: column Time: expected a time such as 14:30, 14:30:15 or 2:30 PM, got "
                "\"12:60\"\n"
                "s.csv:8: column Time: expected a time such as 14:30, 14:30:15 or 2:30 PM, got "
                "\"13:00 PM\"\n"
                "s.csv:9: column Year: a required value is missing");
  assert_fails ("Year,Headline,Type\n,Only a title,title\n", "t.csv",
                ATLAS_DATASET_ERROR_INVALID,
                "t.csv: a TimelineJS sheet without events (no row below the header has a year)");
  /* 12 AM is midnight, 12 PM noon */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AtlasDataset) dataset = load_text ("Year,Month,Day,Time,Headline\n"
                                                 "2016,1,1,12:15 AM,A\n2016,1,1,12:15 pm,B\n",
                                                 "n.csv", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (atlas_event_get_start_text (atlas_dataset_get_event (dataset, 0)), ==,
                     "2016-01-01T00:15Z");
    g_assert_cmpstr (atlas_event_get_start_text (atlas_dataset_get_event (dataset, 1)), ==,
                     "2016-01-01T12:15Z");
  }
}

/* A StoryMapJS story: the overview gives the title, each other slide is an event
 * at its place; dates as written are read, other words leave the event undated */
static void
test_storymapjs_fixture (void)
{
  g_autoptr(AtlasDataset) dataset = load_fixture ("storymap.json");
  g_autofree char *properties = NULL;
  AtlasEvent *event;
  AtlasLocation *place;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Aleppo, December 2016");
  g_assert_cmpstr (atlas_dataset_get_description (dataset), ==,
                   "A story of the last days of the siege.");
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, 5);
  /* Furqan twice at the same spot is one place; the name the first slide gave */
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), ==, 4);

  event = atlas_dataset_lookup_event (dataset, "slide-1");
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Nurse killed in Furqan");
  g_assert_cmpstr (atlas_event_get_summary (event), ==,
                   "Shelling hit a Russian field hospital & killed a nurse.");
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12-05");
  g_assert_cmpint (atlas_event_get_precision (event), ==, ATLAS_PRECISION_DAY);
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "December 5, 2016");
  place = atlas_event_get_place (event, 0, NULL);
  g_assert_cmpstr (atlas_location_get_name (place), ==, "Furqan, Aleppo");
  g_assert_cmpfloat (atlas_location_get_latitude (place), ==, 36.2128);
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==,
                   "slide=1;media=https://example.org/hospital.jpg;media caption=The hospital;"
                   "media credit=Reuters");

  /* an ISO date is its own text; coordinates written as strings */
  event = atlas_dataset_lookup_event (dataset, "slide-2");
  g_assert_null (atlas_event_get_date_text (event));
  g_assert_null (atlas_event_get_summary (event));
  g_assert_cmpfloat (atlas_location_get_longitude (atlas_event_get_place (event, 0, NULL)), ==,
                     6.1432);

  /* a month; a place without a name takes the headline */
  event = atlas_dataset_lookup_event (dataset, "slide-3");
  g_assert_cmpstr (atlas_event_get_start_text (event), ==, "2016-12");
  g_assert_cmpint (atlas_event_get_precision (event), ==, ATLAS_PRECISION_MONTH);
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, NULL)), ==,
                   "Vote at the Security Council");

  /* words that are no date: undated, the words kept */
  event = atlas_dataset_lookup_event (dataset, "slide-4");
  g_assert_true (atlas_event_is_undated (event));
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "the day before");
  g_assert_cmpstr (atlas_location_get_name (atlas_event_get_place (event, 0, NULL)), ==,
                   "Furqan, Aleppo");

  event = atlas_dataset_lookup_event (dataset, "slide-5");
  g_assert_true (atlas_event_is_undated (event));
  g_assert_null (atlas_event_get_date_text (event));
  g_assert_cmpstr (atlas_event_get_title (event), ==, "Slide 5");
}

static void
test_storymapjs_errors (void)
{
  assert_fails ("{\"storymap\": {\"slides\": ["
                "{\"text\": {\"headline\": 5}, \"location\": {\"lat\": 95, \"lon\": \"x\"}},"
                "{\"location\": {\"lat\": 1}},"
                "3]}}", "s.json", ATLAS_DATASET_ERROR_INVALID,
                "s.json: storymap.slides[0].text.headline: expected a string, got a number\n"
                "s.json: storymap.slides[0].location.lat: 95 is out of range (-90 to 90)\n"
                "s.json: storymap.slides[0].location.lon: expected a number, got \"x\"\n"
                "s.json: storymap.slides[1].location.lon: a required member is missing\n"
                "s.json: storymap.slides[2]: expected an object, got a number");
}

static void
test_written_dates (void)
{
  static const struct { const char *text, *iso; } cases[] = {
    { "2016-12-05", "2016-12-05" },
    { " 2016 ", "2016" },
    { "2016-12-05T14:00:00+02:00", "2016-12-05T14:00:00+02:00" },
    { "5 December 2016", "2016-12-05" },
    { "05 Dec 2016", "2016-12-05" },
    { "December 5, 2016", "2016-12-05" },
    { "Dec. 5 2016", "2016-12-05" },
    { "sept 30 2016", "2016-09-30" },
    { "December 2016", "2016-12" },
    { "30 February 2016", NULL },
    { "5 Decembre 2016", NULL },
    { "De 5 2016", NULL },
    { "5 December 16", NULL },
    { "Monday", NULL },
    { "", NULL },
    { "2016-12-05T14:00:00", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = atlas_import_parse_written_date (cases[i].text);

      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
}

/* KML placemarks: time stamps and spans, points, lines, polygons, folders as
 * categories, extended data as properties */
static void
test_kml_fixture (void)
{
  static const ExpectedEvent expected[] = {
    { "nurse", "Nurse killed in Furqan", "2016-12-05", NULL, ATLAS_PRECISION_DAY,
      ATLAS_BASIS_STATED, "nurse-killed-in-furqan", "rebel-groups:agent", "Casualties" },
    { "feature-3", "Convoy route", "2016-12-05T10:00:00+02:00", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "convoy-route-start:origin,convoy-route-end:destination", "", NULL },
    { "feature-4", "Eastern Aleppo", "2016-12-05T12:00:00Z", NULL, ATLAS_PRECISION_SECOND,
      ATLAS_BASIS_STATED, "eastern-aleppo", "", NULL },
    { "feature-2", "Talks in Geneva", "2016-12-06", "2016-12-07", ATLAS_PRECISION_DAY,
      ATLAS_BASIS_STATED, "talks-in-geneva", "", "Diplomacy" },
    { "feature-5", "Undated note", NULL, NULL, ATLAS_PRECISION_DAY, ATLAS_BASIS_STATED,
      "undated-note,undated-note-2", "", NULL },
  };
  g_autoptr(AtlasDataset) dataset = load_fixture ("placemarks.kml");
  g_autofree char *properties = NULL;
  AtlasEvent *event;
  const double *area;
  guint n_points;

  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Aleppo, 5 December 2016");
  g_assert_cmpstr (atlas_dataset_get_description (dataset), ==,
                   "Places from the report & around it.");
  assert_events (dataset, expected, G_N_ELEMENTS (expected));

  event = atlas_dataset_lookup_event (dataset, "nurse");
  g_assert_cmpstr (atlas_event_get_summary (event), ==,
                   "Shelling hit a Russian field hospital.\nOne nurse killed.");
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==, "source=Reuters");
  g_assert_cmpfloat (atlas_location_get_latitude (atlas_event_get_place (event, 0, NULL)), ==,
                     36.2128);

  /* the polygon's outer ring is the area, the inner one dropped; a span with only an
   * end is that time, read as UTC */
  event = atlas_dataset_lookup_event (dataset, "feature-4");
  area = atlas_location_get_area (atlas_event_get_place (event, 0, NULL), &n_points);
  g_assert_nonnull (area);
  g_assert_cmpuint (n_points, ==, 5);
  g_clear_pointer (&properties, g_free);
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==, "control=rebel");
}

static void
test_kml_errors (void)
{
  assert_fails ("<?xml version=\"1.0\"?>\n<kml>\n<Document>\n"
                "<Placemark><name>A</name><TimeStamp><when>2016-13-01</when></TimeStamp>"
                "<Point><coordinates>1,2,3,4</coordinates></Point></Placemark>\n"
                "<Placemark><name>B</name><Point><coordinates>200,2</coordinates></Point>"
                "</Placemark>\n"
                "<Placemark><Point><coordinates> </coordinates></Point></Placemark>\n"
                "</Document>\n</kml>\n", "p.kml", ATLAS_DATASET_ERROR_INVALID,
                "p.kml:4: coordinates: expected lon,lat or lon,lat,altitude, got \"1,2,3,4\"\n"
                "p.kml:4: Placemark: start: 2016-13-01: month 13 does not exist\n"
                "p.kml:5: Placemark: coordinates: 200 is out of range (-180 to 180)\n"
                "p.kml:6: coordinates: no position given");
  assert_fails ("<?xml version=\"1.0\"?>\n<kml><Document><name>A &amp; <b></name></Document>"
                "</kml>\n", "s.kml", ATLAS_DATASET_ERROR_SYNTAX,
                "s.kml:2:40: Element “name” was closed, but the currently open element is “b”");
  assert_fails ("<kml><Document><name>Empty</name></Document></kml>", "e.kml",
                ATLAS_DATASET_ERROR_INVALID, "e.kml: a KML document without placemarks");
  assert_fails ("<kml><Placemark><Placemark/></Placemark></kml>", "n.kml",
                ATLAS_DATASET_ERROR_SYNTAX, "n.kml:1:28: a Placemark inside a Placemark");
}

static void
test_timelinejs_errors (void)
{
  assert_fails ("{\"events\": ["
                "{\"start_date\": {\"year\": 2016, \"month\": 13}},"
                "{\"start_date\": {\"month\": 1}},"
                "{\"start_date\": {\"year\": \"2016a\", \"day\": true}},"
                "{\"start_date\": {\"year\": 2016, \"month\": 2, \"day\": 30}},"
                "{\"start_date\": {\"year\": 2016}, \"end_date\": {\"year\": 2015}}"
                "]}", "t.json", ATLAS_DATASET_ERROR_INVALID,
                "t.json: events[0].start_date.month: 13 is out of range (1 to 12)\n"
                "t.json: events[1].start_date.year: a required member is missing\n"
                "t.json: events[2].start_date.year: expected a whole number, got \"2016a\"\n"
                "t.json: events[2].start_date.day: expected a whole number, got a boolean\n"
                "t.json: events[3].start_date: 2016-02-30: day 30 does not exist in February "
                "2016\n"
                "t.json: events[4].end_date: 2015 is before the start 2016");
  /* a headline-less first slide still counts: the "title" slide is apart */
  assert_fails ("{\"title\": {\"text\": {\"headline\": 5}}, \"events\": ["
                "{\"start_date\": {\"year\": 2016}, \"text\": \"x\"}]}", "u.json",
                ATLAS_DATASET_ERROR_INVALID,
                "u.json: title.text.headline: expected a string, got a number\n"
                "u.json: events[0].text: expected an object, got a string");
}

static void
test_html_to_text (void)
{
  static const struct
  {
    const char *html;
    const char *text;
  } cases[] = {
    { "plain", "plain" },
    { "<p>a</p><p>b</p>", "a\n\nb" },
    { "a<br/>b<BR>c", "a\nb\nc" },
    { "  x \n  y  ", "x y" },
    { "&lt;b&gt; &amp;amp; &#65;&#x42; &nosuch; & alone", "<b> &amp; AB &nosuch; & alone" },
    { "<a href=\"u\">link</a> <span class='x'>t</span>", "link t" },
    { "<b>unclosed", "unclosed" },
    { "x < y", "x < y" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = atlas_import_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ------------------------------------------------------------------------ */
/* Detection and the format additions                                       */

static void
test_detect_unknown (void)
{
  assert_fails ("{\"type\": \"Topology\", \"events\": []}", "x.json", ATLAS_DATASET_ERROR_FORMAT,
                "x.json: not an event-atlas dataset, GeoJSON FeatureCollection, TimelineJS "
                "timeline or StoryMapJS story (expected \"format\": \"event-atlas\")");
  assert_fails ("[1, 2]", "y.json", ATLAS_DATASET_ERROR_FORMAT,
                "y.json: not an event-atlas dataset (expected a JSON object, got an array)");
}

#define NATIVE_HEAD "{\"format\": \"event-atlas\", \"version\": 1, \"actors\": [], " \
                    "\"locations\": [], \"events\": ["

static void
test_native_additions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autofree char *properties = NULL;
  AtlasEvent *event;

  dataset = load_text (NATIVE_HEAD
                       "{\"id\": \"u\", \"title\": \"U\", \"undated\": true, "
                       "\"date_text\": \"some day\", \"properties\": {\"n\": 1.5, \"b\": false}},"
                       "{\"id\": \"d\", \"title\": \"D\", \"start\": \"2016\", \"undated\": false}"
                       "]}", "n.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_event_get_id (atlas_dataset_get_event (dataset, 0)), ==, "d");
  event = atlas_dataset_get_event (dataset, 1);
  g_assert_cmpstr (atlas_event_get_id (event), ==, "u");
  g_assert_true (atlas_event_is_undated (event));
  g_assert_false (atlas_event_is_undated (atlas_dataset_get_event (dataset, 0)));
  g_assert_cmpstr (atlas_event_get_date_text (event), ==, "some day");
  g_assert_null (atlas_event_get_start_text (event));
  properties = describe_properties (event);
  g_assert_cmpstr (properties, ==, "n=1.5;b=false");

  assert_fails (NATIVE_HEAD
                "{\"id\": \"u\", \"title\": \"U\", \"undated\": true, \"start\": \"2016\", "
                "\"date_precision\": \"year\"},"
                "{\"id\": \"v\", \"title\": \"V\", \"undated\": 1},"
                "{\"id\": \"w\", \"title\": \"W\", \"start\": \"2016\", "
                "\"properties\": {\"a\": [1], \"b\": null, \"c\": \"ok\"}}"
                "]}", "m.json", ATLAS_DATASET_ERROR_INVALID,
                "m.json: events[0].start: not allowed in an event with \"undated\": true\n"
                "m.json: events[0].date_precision: not allowed in an event with \"undated\": true\n"
                "m.json: events[1].undated: expected a boolean, got a number\n"
                "m.json: events[1].start: a required member is missing\n"
                "m.json: events[2].properties.a: expected a string, a number or a boolean, got "
                "an array\n"
                "m.json: events[2].properties.b: expected a string, a number or a boolean, got "
                "null");
}

/* the playhead and a time window never hide undated events; other filters do */
static void
test_undated_context (void)
{
  g_autoptr(AtlasDataset) dataset = load_fixture ("features.geojson");
  g_autoptr(AtlasContext) context = atlas_context_new ();
  AtlasFilter *filter = atlas_context_get_filter (context);
  AtlasEvent *undated = atlas_dataset_lookup_event (dataset, "feature-5");
  const guint *visible;
  guint n;

  atlas_context_set_dataset (context, dataset);
  g_assert_cmpint (atlas_context_get_playhead (context), ==,
                   atlas_time_from_civil (2016, 12, 6, 0, 0, 1));
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, 6);

  atlas_context_set_up_to_playhead (context, TRUE);
  atlas_context_set_playhead (context, atlas_time_from_civil (2016, 12, 5, 0, 0, 0));
  visible = atlas_context_get_visible (context, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (visible[0], ==, 0);
  g_assert_cmpuint (visible[1], ==, 1);
  g_assert_cmpuint (visible[2], ==, 5);
  g_assert_true (atlas_context_is_visible (context, undated));

  atlas_context_set_up_to_playhead (context, FALSE);
  atlas_filter_set_time_window (filter, atlas_time_from_civil (2016, 12, 6, 0, 0, 0),
                                atlas_time_from_civil (2016, 12, 7, 0, 0, 0));
  visible = atlas_context_get_visible (context, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (visible[0], ==, 4);
  g_assert_cmpuint (visible[1], ==, 5);

  atlas_filter_set_search (filter, "airstrike");
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, 0);
  atlas_filter_set_search (filter, "undated");
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, 1);
}

/* ------------------------------------------------------------------------ */
/* Round trip                                                               */

static char *
describe_dataset (AtlasDataset *dataset)
{
  GString *out = g_string_new (NULL);
  GListModel *list;

  g_string_append_printf (out, "title=%s\ndescription=%s\nlanguage=%s\n",
                          atlas_dataset_get_title (dataset),
                          atlas_dataset_get_description (dataset),
                          atlas_dataset_get_language (dataset));

  list = atlas_dataset_get_sources (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (list, i);

      g_string_append_printf (out, "source %s|%s|%s|%s|%s|%s\n", atlas_source_get_id (source),
                              atlas_source_get_title (source), atlas_source_get_publisher (source),
                              atlas_source_get_published (source), atlas_source_get_url (source),
                              atlas_source_get_text (source));
    }

  list = atlas_dataset_get_actors (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AtlasActor) actor = g_list_model_get_item (list, i);
      AtlasActor *affiliation = atlas_actor_get_affiliation (actor);
      const char * const *aliases = atlas_actor_get_aliases (actor);
      g_autofree char *joined = g_strjoinv (",", (char **) aliases);

      g_string_append_printf (out, "actor %s|%s|%d|%s|%s|%s\n", atlas_actor_get_id (actor),
                              atlas_actor_get_name (actor), atlas_actor_get_kind (actor),
                              affiliation != NULL ? atlas_actor_get_id (affiliation) : "-",
                              joined, atlas_actor_get_description (actor));
    }

  list = atlas_dataset_get_locations (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AtlasLocation) location = g_list_model_get_item (list, i);
      AtlasLocation *parent = atlas_location_get_parent (location);
      const double *area;
      guint n;

      area = atlas_location_get_area (location, &n);
      g_string_append_printf (out, "location %s|%s|%.9g|%.9g|%g|%d|%s|", atlas_location_get_id (location),
                              atlas_location_get_name (location),
                              atlas_location_get_latitude (location),
                              atlas_location_get_longitude (location),
                              atlas_location_get_precision_m (location),
                              atlas_location_get_kind (location),
                              parent != NULL ? atlas_location_get_id (parent) : "-");
      for (guint j = 0; j < n; j++)
        g_string_append_printf (out, " %.9g,%.9g", area[2 * j], area[2 * j + 1]);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      g_autofree char *places = describe_places (event);
      g_autofree char *participants = describe_participants (event);
      g_autofree char *properties = describe_properties (event);
      g_autofree char *fatalities = describe_fatalities (event);
      AtlasSource *source = atlas_event_get_source (event);
      AtlasActor *attributed = atlas_event_get_attributed_to (event);
      gint64 from, to;

      atlas_event_get_span (event, &from, &to);
      g_string_append_printf (out,
                              "event %s|%s|%s|%s|%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                              "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%d|%d|%s|%s|%s"
                              "|%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s|%u\n",
                              atlas_event_get_id (event), atlas_event_get_title (event),
                              atlas_event_get_summary (event), atlas_event_get_category (event),
                              atlas_event_is_undated (event), atlas_event_get_start (event),
                              atlas_event_get_end (event), from, to,
                              atlas_event_get_utc_offset (event),
                              atlas_event_get_precision (event), atlas_event_get_basis (event),
                              atlas_event_get_date_text (event), places, participants,
                              source != NULL ? atlas_source_get_id (source) : "-",
                              atlas_event_get_excerpt (event),
                              attributed != NULL ? atlas_actor_get_id (attributed) : "-",
                              atlas_event_get_excerpt_offset (event), fatalities, properties,
                              atlas_event_get_start_text (event),
                              atlas_event_get_n_quotes (event));
    }

  return g_string_free (out, FALSE);
}

static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) again = NULL;
  g_autoptr(AtlasDataset) saved = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_save = NULL;

  if (g_str_has_suffix (name, ".json") && !g_str_equal (name, "timeline.json")
      && !g_str_equal (name, "storymap.json"))
    {
      g_autofree char *path = g_str_equal (name, "sample.json")
                              ? g_test_build_filename (G_TEST_DIST, "data", name, NULL)
                              : g_build_filename (TEST_DATADIR, name, NULL);
      g_autoptr(GFile) sample = g_file_new_for_path (path);

      dataset = atlas_dataset_new_from_file (sample, NULL, &error);
      g_assert_no_error (error);
    }
  else
    dataset = load_fixture (name);

  root = atlas_dataset_to_json (dataset);
  again = atlas_loader_load_document (root, "exported", NULL, NULL, &error);
  g_assert_no_error (error);

  before = describe_dataset (dataset);
  after = describe_dataset (again);
  g_assert_cmpstr (after, ==, before);

  /* and through a file */
  file = g_file_new_tmp ("test-import-XXXXXX.json", &stream, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_dataset_save (dataset, file, &error));
  g_assert_no_error (error);
  saved = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  after_save = describe_dataset (saved);
  g_assert_cmpstr (after_save, ==, before);
  g_file_delete (file, NULL, NULL);
}

/* The ACLED fixture written again the way a spreadsheet in another locale saves it:
 * every field quoted, fields separated by @separator, and with semicolons the
 * coordinates written with a decimal comma. */
static char *
rewrite_csv (const char *data,
             gsize       length,
             char        separator)
{
  g_auto(AtlasCsvReader) reader;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new ("\xEF\xBB\xBF");
  int lat = -1, lon = -1;
  gboolean header = TRUE;

  atlas_csv_reader_init (&reader, data, length);
  while (atlas_csv_reader_next (&reader, &error) == ATLAS_CSV_RECORD)
    {
      for (guint i = 0; i < atlas_csv_reader_get_n_fields (&reader); i++)
        {
          g_autofree char *field = g_strdup (atlas_csv_reader_get_field (&reader, i));
          g_auto(GStrv) parts = g_strsplit (field, "\"", -1);
          g_autofree char *quoted = g_strjoinv ("\"\"", parts);

          if (header && g_str_equal (field, "latitude"))
            lat = (int) i;
          if (header && g_str_equal (field, "longitude"))
            lon = (int) i;
          if (!header && separator == ';' && ((int) i == lat || (int) i == lon))
            g_strdelimit (quoted, ".", ',');
          if (i > 0)
            g_string_append_c (out, separator);
          g_string_append_printf (out, "\"%s\"", quoted);
        }
      g_string_append (out, "\r\n");
      header = FALSE;
    }
  g_assert_no_error (error);
  g_assert_cmpint (lat, >=, 0);

  return g_string_free (out, FALSE);
}

static void
test_acled_separators (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "acled.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) reference = NULL;
  g_autofree char *expected = NULL;
  gsize length;
  const char separators[] = { ';', '\t' };

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  reference = load_text (data, "acled.csv", &error);
  g_assert_no_error (error);
  expected = describe_dataset (reference);

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      g_autofree char *rewritten = rewrite_csv (data, length, separators[i]);
      g_autoptr(AtlasDataset) dataset = load_text (rewritten, "acled.csv", &error);
      g_autofree char *described = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (atlas_csv_guess_separator (rewritten, strlen (rewritten)), ==,
                        separators[i]);
      described = describe_dataset (dataset);
      g_assert_cmpstr (described, ==, expected);
    }

  /* a semicolon inside quotes does not make a comma file a semicolon file */
  g_assert_cmpint (atlas_csv_guess_separator ("a,\"b;c;d\",e\n1;2;3;4", 20), ==, ',');
  /* a decimal comma is read only in semicolon files, and only one */
  assert_fails ("event_id_cnty;event_date;actor1;location;latitude;longitude\n"
                "A;2016-12-05;X;P;36,2,1;37,1\n", "s.csv", ATLAS_DATASET_ERROR_INVALID,
                "s.csv:2: column latitude: expected a number, got \"36,2,1\"");
}

/* ------------------------------------------------------------------------ */
/* Speed                                                                    */

static char *
generate_acled (guint n_rows)
{
  static const char * const kinds[] = { "Battles", "Protests", "Riots" };
  GString *csv = g_string_new ("event_id_cnty,event_date,year,time_precision,disorder_type,"
                               "event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
                               "assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                               "country,admin1,admin2,admin3,location,latitude,longitude,"
                               "geo_precision,source,source_scale,notes,fatalities,tags,"
                               "timestamp\r\n");

  for (guint i = 0; i < n_rows; i++)
    {
      guint place = i % 5000;

      g_string_append_printf (csv,
                              "GEN%u,%04u-%02u-%02u,%u,%u,Political violence,%s,Armed clash,"
                              "Group %u,\"Ally %u; Ally %u\",2,Group %u,,3,23,,760,Middle East,"
                              "Syria,Aleppo,Jebel Saman,,Place %u,%.4f,%.4f,%u,Source %u,"
                              "National,\"Row %u: clashes, \"\"heavy\"\", reported.\",%u,,%u\r\n",
                              i, 2000 + i % 20, 1 + i % 12, 1 + i % 28, 2000 + i % 20,
                              1 + i % 3, kinds[i % 3], i % 300, i % 50, (i + 1) % 50,
                              (i + 7) % 300, place, 30 + place / 1000.0, 35 + place / 700.0,
                              1 + i % 3, i % 40, i, i % 7, 1600000000 + i);
    }

  return g_string_free (csv, FALSE);
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

/* A big export is read twice, its events made one at a time: the same dataset as
 * the whole tree would give, with progress */
static void
test_acled_streamed (void)
{
  g_autofree char *csv = generate_acled (3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) whole = atlas_import_acled (csv, strlen (csv), "g.csv", &error);
  g_autoptr(AtlasDataset) expected = NULL;
  g_autoptr(AtlasDataset) streamed = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  double last = 0;

  g_assert_no_error (error);
  expected = atlas_loader_load_document (whole, "g.csv", NULL, NULL, &error);
  g_assert_no_error (error);

  file = g_file_new_tmp ("test-import-XXXXXX.csv", &stream, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  streamed = atlas_loader_load_file_with_progress (file, count_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (file, NULL, NULL);

  /* the same but for the title, which is the file's name */
  a = describe_dataset (expected);
  b = describe_dataset (streamed);
  g_assert_cmpstr (strchr (b, '\n'), ==, strchr (a, '\n'));
  g_assert_cmpuint (atlas_dataset_get_n_events (streamed), ==, 3000);
  g_assert_cmpfloat (last, ==, 1.0);

  /* a ";" splits associated actors only: actor1 and actor2 are whole names */
  {
    g_autoptr(AtlasDataset) semicolons = NULL;
    AtlasEvent *event;

    semicolons = load_text ("event_id_cnty,event_date,actor1,assoc_actor_1,actor2,location,"
                            "latitude,longitude\n"
                            "A,2016-12-05,Army; Police,X; Y,Z;,P,1,2\n", "s.csv", &error);
    g_assert_no_error (error);
    event = atlas_dataset_lookup_event (semicolons, "A");
    g_assert_cmpuint (atlas_event_get_n_participants (event), ==, 4);
    g_assert_cmpstr (atlas_actor_get_name (atlas_event_get_participant (event, 0, NULL)), ==,
                     "Army; Police");
    g_assert_cmpstr (atlas_actor_get_name (atlas_event_get_participant (event, 3, NULL)), ==,
                     "Z;");
  }
}

static void
test_acled_speed (void)
{
  guint n_rows = g_test_perf () ? 100000 : 2000;
  g_autofree char *csv = generate_acled (n_rows);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  dataset = atlas_dataset_new_from_bytes (bytes, "generated.csv", &error);
  g_assert_no_error (error);
  g_test_minimized_result ((double) (g_get_monotonic_time () - t0) / 1000.0,
                           "%u ACLED rows (%" G_GSIZE_FORMAT " bytes) loaded in %.0f ms", n_rows,
                           strlen (csv), (double) (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, n_rows);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), ==,
                    MIN (n_rows, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_sources (dataset)), ==,
                    MIN (n_rows, 40));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/reader", test_csv_reader);
  g_test_add_func ("/import/csv/errors", test_csv_reader_errors);
  g_test_add_func ("/import/acled/fixture", test_acled_fixture);
  g_test_add_func ("/import/acled/errors", test_acled_errors);
  g_test_add_func ("/import/acled/dates", test_acled_dates);
  g_test_add_func ("/import/acled/separators", test_acled_separators);
  g_test_add_func ("/import/acled/speed", test_acled_speed);
  g_test_add_func ("/import/acled/streamed", test_acled_streamed);
  g_test_add_func ("/import/geojson/fixture", test_geojson_fixture);
  g_test_add_func ("/import/geojson/single-feature", test_geojson_single_feature);
  g_test_add_func ("/import/geojson/errors", test_geojson_errors);
  g_test_add_func ("/import/geojson/lines", test_geojson_lines);
  g_test_add_func ("/import/geojson/many", test_geojson_many);
  g_test_add_func ("/import/timelinejs/fixture", test_timelinejs_fixture);
  g_test_add_func ("/import/timelinejs/errors", test_timelinejs_errors);
  g_test_add_func ("/import/kml/fixture", test_kml_fixture);
  g_test_add_func ("/import/kml/errors", test_kml_errors);
  g_test_add_func ("/import/storymapjs/fixture", test_storymapjs_fixture);
  g_test_add_func ("/import/storymapjs/errors", test_storymapjs_errors);
  g_test_add_func ("/import/written-dates", test_written_dates);
  g_test_add_func ("/import/timelinejs-sheet/fixture", test_timelinejs_sheet_fixture);
  g_test_add_func ("/import/timelinejs-sheet/errors", test_timelinejs_sheet_errors);
  g_test_add_func ("/import/timelinejs/html-to-text", test_html_to_text);
  g_test_add_func ("/import/detect/unknown", test_detect_unknown);
  g_test_add_func ("/import/native/undated-and-properties", test_native_additions);
  g_test_add_func ("/import/native/undated-context", test_undated_context);
  g_test_add_data_func ("/import/round-trip/acled", "acled.csv", test_round_trip);
  g_test_add_data_func ("/import/round-trip/geojson", "features.geojson", test_round_trip);
  g_test_add_data_func ("/import/round-trip/timelinejs", "timeline.json", test_round_trip);
  g_test_add_data_func ("/import/round-trip/storymapjs", "storymap.json", test_round_trip);
  g_test_add_data_func ("/import/round-trip/kml", "placemarks.kml", test_round_trip);
  g_test_add_data_func ("/import/round-trip/timelinejs-sheet", "timeline-sheet.csv",
                        test_round_trip);
  g_test_add_data_func ("/import/round-trip/native", "sample.json", test_round_trip);
  g_test_add_data_func ("/import/round-trip/aleppo", "aleppo-2016-12-05.json", test_round_trip);

  return g_test_run ();
}
