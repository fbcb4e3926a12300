/* test-undated-tray.c — the strip of undated events under the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "atlas-model.h"
#include "atlas-undated-tray.h"

typedef struct {
  AtlasDataset     *dataset;
  AtlasContext     *context;
  GtkWindow        *window;
  AtlasUndatedTray *tray;
} Fixture;

static void
fixture_setup_dataset (Fixture      *fixture,
                       AtlasDataset *dataset)
{
  fixture->dataset = dataset;
  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 60);
  fixture->tray = ATLAS_UNDATED_TRAY (atlas_undated_tray_new ());
  atlas_undated_tray_set_context (fixture->tray, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->tray));
  gtk_window_present (fixture->window);
  if (gtk_widget_get_visible (GTK_WIDGET (fixture->tray)))
    gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->tray));
}

static void
fixture_setup_file (Fixture    *fixture,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  fixture_setup_dataset (fixture, dataset);
}

static void
fixture_setup_features (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                 "features.geojson", NULL);

  fixture_setup_file (fixture, path);
}

static void
fixture_setup_bundled (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture_setup_file (fixture, TEST_DATADIR "/aleppo-2016-12-05.json");
}

/* 57 undated features "Report 1" … "Report 57" after one dated one */
static void
fixture_setup_many (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  g_string_append (json, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                         "\"coordinates\": [37.1, 36.2]}, \"properties\": "
                         "{\"title\": \"Dated\", \"date\": \"2016-12-05\"}}");
  for (guint i = 1; i <= 57; i++)
    g_string_append_printf (json, ", {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                                  "\"coordinates\": [37.1, 36.2]}, \"properties\": "
                                  "{\"title\": \"Report %u\", \"category\": \"%s\"}}",
                            i, i % 2 ? "military" : "diplomacy");
  g_string_append (json, "]}");

  bytes = g_bytes_new (json->str, json->len);
  dataset = atlas_dataset_new_from_bytes (bytes, "many.geojson", &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  fixture_setup_dataset (fixture, dataset);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

/* the events the tray should show, counted from the model */
static guint
count_visible_undated (Fixture *fixture)
{
  guint n = 0;

  for (guint i = 0; i < atlas_dataset_get_n_events (fixture->dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (fixture->dataset, i);

      if (atlas_event_is_undated (event) && atlas_context_is_visible (fixture->context, event))
        n++;
    }
  return n;
}

static gboolean
tray_shown (Fixture *fixture)
{
  return gtk_widget_get_visible (GTK_WIDGET (fixture->tray));
}

static void
test_tray_features (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasEvent *undated = atlas_dataset_lookup_event (fixture->dataset, "feature-5");

  g_assert_cmpuint (count_visible_undated (fixture), ==, 1);
  g_assert_true (tray_shown (fixture));
  g_assert_cmpuint (atlas_undated_tray_get_n_events (fixture->tray), ==, 1);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 1);
  g_assert_true (atlas_undated_tray_get_pill_event (fixture->tray, 0) == undated);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (atlas_undated_tray_get_pill (fixture->tray, 0)),
                   ==, "Undated report");
  g_assert_cmpstr (atlas_undated_tray_get_count_text (fixture->tray), ==, "Undated: 1");
  g_assert_cmpuint (atlas_undated_tray_get_n_more (fixture->tray), ==, 0);
  g_assert_cmpstr (atlas_undated_tray_get_more_text (fixture->tray), ==, "");
}

static void
test_tray_bundled_hidden (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_cmpuint (atlas_dataset_get_n_events (fixture->dataset), >, 0);
  g_assert_cmpuint (count_visible_undated (fixture), ==, 0);
  g_assert_false (tray_shown (fixture));
  g_assert_cmpuint (atlas_undated_tray_get_n_events (fixture->tray), ==, 0);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 0);
}

static void
changed_cb (AtlasSelection *selection,
            gboolean       *changed)
{
  *changed = TRUE;
}

static void
wait_for_selection_change (AtlasSelection *selection)
{
  gboolean changed = FALSE;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gulong id = g_signal_connect (selection, "changed", G_CALLBACK (changed_cb), &changed);

  while (!changed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (selection, id);
  g_assert_true (changed);
}

/* a click selects, Ctrl+click toggles; the selected pill is marked */
static void
test_tray_click (Fixture       *fixture,
                 gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *undated = atlas_dataset_lookup_event (fixture->dataset, "feature-5");
  AtlasEvent *strike = atlas_dataset_lookup_event (fixture->dataset, "f-strike");
  GtkWidget *pill = atlas_undated_tray_get_pill (fixture->tray, 0);

  g_assert_false (gtk_widget_has_css_class (pill, "selected"));
  atlas_selection_select_event (selection, strike);

  /* as Enter or Space would: the button shows itself pressed, then clicks */
  gtk_widget_activate (pill);
  wait_for_selection_change (selection);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 1);
  g_assert_true (atlas_selection_get_first (selection) == undated);
  g_assert_true (gtk_widget_has_css_class (pill, "selected"));

  atlas_selection_select_event (selection, strike);
  g_assert_false (gtk_widget_has_css_class (pill, "selected"));

  atlas_undated_tray_click_pill (fixture->tray, 0, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 2);
  g_assert_true (atlas_selection_contains (selection, strike));
  g_assert_true (atlas_selection_contains (selection, undated));
  g_assert_true (gtk_widget_has_css_class (pill, "selected"));

  atlas_undated_tray_click_pill (fixture->tray, 0, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 1);
  g_assert_true (atlas_selection_get_first (selection) == strike);
  g_assert_false (gtk_widget_has_css_class (pill, "selected"));
}

/* filters that exclude the event take its pill away; the playhead does not */
static void
test_tray_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasEvent *undated = atlas_dataset_lookup_event (fixture->dataset, "feature-5");

  atlas_filter_set_search (filter, "airstrike");
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, 1);
  g_assert_cmpuint (atlas_undated_tray_get_n_events (fixture->tray), ==, 0);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 0);
  g_assert_false (tray_shown (fixture));

  atlas_filter_set_search (filter, "undated");
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 1);
  g_assert_true (atlas_undated_tray_get_pill_event (fixture->tray, 0) == undated);
  g_assert_true (tray_shown (fixture));

  atlas_filter_set_search (filter, NULL);
  atlas_context_set_up_to_playhead (fixture->context, TRUE);
  atlas_context_set_playhead (fixture->context, atlas_time_from_civil (2016, 12, 4, 0, 0, 0));
  g_assert_cmpuint (atlas_context_get_n_visible (fixture->context), ==, 1);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 1);
  g_assert_true (tray_shown (fixture));
}

/* past ATLAS_UNDATED_TRAY_MAX_PILLS the rest go behind "+N more" */
static void
test_tray_many (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);

  g_assert_cmpuint (count_visible_undated (fixture), ==, 57);
  g_assert_cmpuint (atlas_undated_tray_get_n_events (fixture->tray), ==, 57);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, ATLAS_UNDATED_TRAY_MAX_PILLS);
  g_assert_cmpuint (atlas_undated_tray_get_n_more (fixture->tray), ==, 7);
  g_assert_cmpstr (atlas_undated_tray_get_count_text (fixture->tray), ==, "Undated: 57");
  g_assert_cmpstr (atlas_undated_tray_get_more_text (fixture->tray), ==, "+7 more");
  /* in the dataset's order, after the one dated event */
  for (guint i = 0; i < ATLAS_UNDATED_TRAY_MAX_PILLS; i++)
    g_assert_true (atlas_undated_tray_get_pill_event (fixture->tray, i) ==
                   atlas_dataset_get_event (fixture->dataset, i + 1));

  /* "Report 5" and "Report 50" … "Report 57" */
  atlas_filter_set_search (filter, "report 5");
  g_assert_cmpuint (count_visible_undated (fixture), ==, 9);
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 9);
  g_assert_cmpuint (atlas_undated_tray_get_n_more (fixture->tray), ==, 0);
  g_assert_cmpstr (atlas_undated_tray_get_more_text (fixture->tray), ==, "");
  g_assert_cmpstr (atlas_undated_tray_get_count_text (fixture->tray), ==, "Undated: 9");
  for (guint i = 0; i < 9; i++)
    {
      const char *title = atlas_event_get_title (atlas_undated_tray_get_pill_event (fixture->tray, i));

      g_assert_true (g_str_has_prefix (title, "Report 5"));
    }
}

/* setting another dataset replaces the pills; no context empties the tray */
static void
test_tray_context (Fixture       *fixture,
                   gconstpointer  data)
{
  atlas_context_set_dataset (fixture->context, NULL);
  g_assert_false (tray_shown (fixture));
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 0);

  atlas_context_set_dataset (fixture->context, fixture->dataset);
  g_assert_true (tray_shown (fixture));
  g_assert_cmpuint (atlas_undated_tray_get_n_pills (fixture->tray), ==, 1);

  atlas_undated_tray_set_context (fixture->tray, NULL);
  g_assert_false (tray_shown (fixture));
  g_assert_cmpuint (atlas_undated_tray_get_n_events (fixture->tray), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/undated-tray/features", Fixture, NULL,
              fixture_setup_features, test_tray_features, fixture_teardown);
  g_test_add ("/undated-tray/bundled-hidden", Fixture, NULL,
              fixture_setup_bundled, test_tray_bundled_hidden, fixture_teardown);
  g_test_add ("/undated-tray/click", Fixture, NULL,
              fixture_setup_features, test_tray_click, fixture_teardown);
  g_test_add ("/undated-tray/filter", Fixture, NULL,
              fixture_setup_features, test_tray_filter, fixture_teardown);
  g_test_add ("/undated-tray/many", Fixture, NULL,
              fixture_setup_many, test_tray_many, fixture_teardown);
  g_test_add ("/undated-tray/context", Fixture, NULL,
              fixture_setup_features, test_tray_context, fixture_teardown);

  return g_test_run ();
}
