/* test-view-state.c — views (.atlasview, event-atlas:// links) and the CSV
 * export, in the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "atlas-export-events.h"
#include "atlas-model.h"
#include "atlas-view-state.h"

static AtlasDataset *
load_aleppo (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  g_assert_no_error (error);

  return dataset;
}

static void
test_view_state_round_trip (void)
{
  g_autoptr(AtlasDataset) dataset = load_aleppo ();
  g_autoptr(AtlasContext) context = atlas_context_new ();
  g_autoptr(AtlasContext) other = atlas_context_new ();
  g_autoptr(AtlasViewState) state = NULL;
  g_autoptr(AtlasViewState) parsed = NULL;
  g_autoptr(AtlasViewState) from_uri = NULL;
  g_autoptr(AtlasViewState) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *uri = NULL;
  AtlasFilter *filter;
  gint64 from = atlas_time_from_civil (2016, 11, 1, 0, 0, 0);
  gint64 to = atlas_time_from_civil (2016, 12, 6, 0, 0, 0);
  gint64 playhead = atlas_time_from_civil (2016, 12, 5, 10, 30, 0) + 250;

  atlas_context_set_dataset (context, dataset);
  filter = atlas_context_get_filter (context);
  atlas_filter_set_actor_active (filter, atlas_dataset_lookup_actor (dataset, "russia"), TRUE);
  atlas_filter_set_match_all (filter, TRUE);
  atlas_filter_set_search (filter, "Aleppo \"east\"");
  atlas_filter_set_time_window (filter, from, to);
  atlas_context_set_up_to_playhead (context, TRUE);
  atlas_context_set_playhead (context, playhead);
  atlas_selection_select_event (atlas_context_get_selection (context),
                                atlas_dataset_lookup_event (dataset, "nurse-killed-furqan"));

  state = atlas_view_state_capture (context, atlas_dataset_get_file (dataset));
  state->has_map = TRUE;
  state->latitude = 36.2;
  state->longitude = 37.15;
  state->zoom = 11.5;

  json = atlas_view_state_to_json (state);
  parsed = atlas_view_state_from_json (json, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (parsed->dataset_uri, ==, state->dataset_uri);
  g_assert_cmpstrv (parsed->actors, ((const char *[]) { "russia", NULL }));
  g_assert_cmpstrv (parsed->selection, ((const char *[]) { "nurse-killed-furqan", NULL }));
  g_assert_true (parsed->match_all);
  g_assert_cmpstr (parsed->search, ==, "Aleppo \"east\"");
  g_assert_cmpint (parsed->window_from, ==, from);
  g_assert_cmpint (parsed->window_to, ==, to);
  g_assert_cmpint (parsed->playhead, ==, playhead);
  g_assert_true (parsed->up_to_playhead);
  g_assert_true (parsed->has_map);
  g_assert_cmpfloat (parsed->latitude, ==, 36.2);
  g_assert_cmpfloat (parsed->longitude, ==, 37.15);
  g_assert_cmpfloat (parsed->zoom, ==, 11.5);

  /* the link carries the same view, percent-encoded */
  uri = atlas_view_state_to_uri (state);
  g_assert_true (g_str_has_prefix (uri, "event-atlas://open?view=%7B%22format%22"));
  g_assert_null (strchr (uri, ' '));
  g_assert_null (strchr (uri, '"'));
  from_uri = atlas_view_state_from_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_uri->search, ==, "Aleppo \"east\"");
  g_assert_cmpint (from_uri->playhead, ==, playhead);

  /* applied to another context over the same dataset: the same visible events */
  atlas_context_set_dataset (other, dataset);
  atlas_view_state_apply (parsed, other);
  applied = atlas_view_state_capture (other, atlas_dataset_get_file (dataset));
  g_assert_cmpstrv (applied->actors, parsed->actors);
  g_assert_cmpstrv (applied->selection, parsed->selection);
  g_assert_cmpuint (atlas_context_get_n_visible (other), ==, atlas_context_get_n_visible (context));
}

static void
test_view_state_unknown_ids_skipped (void)
{
  g_autoptr(AtlasDataset) dataset = load_aleppo ();
  g_autoptr(AtlasContext) context = atlas_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasViewState) state = NULL;
  const char *json = "{ \"format\": \"event-atlas-view\", \"version\": 1,"
                     "  \"actors\": [\"russia\", \"no-such-actor\"],"
                     "  \"selection\": [\"gone\", \"nurse-killed-furqan\"] }";

  atlas_context_set_dataset (context, dataset);
  state = atlas_view_state_from_json (json, -1, &error);
  g_assert_no_error (error);
  atlas_view_state_apply (state, context);

  g_assert_cmpuint (atlas_filter_get_n_actors (atlas_context_get_filter (context)), ==, 1);
  g_assert_cmpuint (atlas_selection_get_n_events (atlas_context_get_selection (context)), ==, 1);
  g_assert_cmpstr (atlas_event_get_id (atlas_selection_get_first (atlas_context_get_selection (context))),
                   ==, "nurse-killed-furqan");
}

static void
test_view_state_errors (void)
{
  static const struct {
    const char *json;
    int         code;
    const char *message;
  } cases[] = {
    { "{ \"format\": \"event-atlas\", \"version\": 1 }", G_IO_ERROR_NOT_SUPPORTED,
      "Not an Event Atlas view" },
    { "[1, 2]", G_IO_ERROR_NOT_SUPPORTED, "Not an Event Atlas view" },
    { "{ \"format\": \"event-atlas-view\", \"version\": 2 }", G_IO_ERROR_INVALID_DATA,
      "View file: only version 1 is known" },
    { "{ \"format\": \"event-atlas-view\", \"version\": 1, \"actors\": \"russia\" }",
      G_IO_ERROR_INVALID_DATA, "View file: “actors” must be an array of strings" },
    { "{ \"format\": \"event-atlas-view\", \"version\": 1, \"playhead\": \"2016-13-01\" }",
      G_IO_ERROR_INVALID_DATA, "View file: “playhead” must be an ISO 8601 date or null" },
    { "{ \"format\": \"event-atlas-view\", \"version\": 1, \"time_window\": [\"2016\"] }",
      G_IO_ERROR_INVALID_DATA, "View file: “time_window” must be two dates or null" },
    { "{ \"format\": \"event-atlas-view\", \"version\": 1,"
      "  \"map\": { \"lat\": 91, \"lon\": 0, \"zoom\": 3 } }",
      G_IO_ERROR_INVALID_DATA, "View file: “lat” must be between -90 and 90" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasViewState) state = atlas_view_state_from_json (cases[i].json, -1, &error);

      g_assert_null (state);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (atlas_view_state_from_uri ("https://example.org/?view=%7B%7D", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_export_csv_quoting (void)
{
  g_autoptr(AtlasDataset) dataset = load_aleppo ();
  AtlasEvent *nurse = atlas_dataset_lookup_event (dataset, "nurse-killed-furqan");
  guint index = atlas_event_get_index (nurse);
  g_autofree char *csv = atlas_export_events_to_csv (dataset, &index, 1);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpstr (lines[0], ==,
                   "event_id_cnty,event_date,time_precision,date_precision,date_basis,event_type,"
                   "title,actor1,actor2,assoc_actor_1,location,latitude,longitude,geo_precision_m,"
                   "notes,source,excerpt,fatalities");
  g_assert_true (g_str_has_prefix (lines[1], "nurse-killed-furqan,"));
  /* the excerpt, quoted when it holds a comma or a quote, with its quotes doubled */
  {
    const char *excerpt = atlas_event_get_excerpt (nurse);
    g_auto(GStrv) parts = g_strsplit (excerpt, "\"", -1);
    g_autofree char *doubled = g_strjoinv ("\"\"", parts);
    g_autofree char *field = strpbrk (excerpt, ",\"") != NULL
                             ? g_strdup_printf (",\"%s\",", doubled)
                             : g_strdup_printf (",%s,", excerpt);

    g_assert_nonnull (strstr (lines[1], field));
  }
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  g_assert_false (g_str_has_prefix (csv, "\xef\xbb\xbf"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/round-trip", test_view_state_round_trip);
  g_test_add_func ("/view-state/unknown-ids-skipped", test_view_state_unknown_ids_skipped);
  g_test_add_func ("/view-state/errors", test_view_state_errors);
  g_test_add_func ("/export-events/csv-quoting", test_export_csv_quoting);

  return g_test_run ();
}
