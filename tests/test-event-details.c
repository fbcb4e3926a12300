/* test-event-details.c — the event details driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "atlas-event-details.h"
#include "atlas-model.h"

typedef struct {
  AtlasDataset      *dataset;
  AtlasContext      *context;
  GtkWindow         *window;
  AtlasEventDetails *details;
} Fixture;

static void
fixture_setup_path (Fixture    *fixture,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->dataset);

  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 800);
  fixture->details = ATLAS_EVENT_DETAILS (atlas_event_details_new ());
  atlas_event_details_set_context (fixture->details, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->details));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->details));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_setup_path (fixture, TEST_DATADIR "/aleppo-2016-12-05.json");
}

static void
fixture_setup_markup (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "markup-fixture.json", NULL);

  fixture_setup_path (fixture, path);
}

static void
fixture_setup_features (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                 "features.geojson", NULL);

  fixture_setup_path (fixture, path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

static void
test_details_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);

  g_assert_null (atlas_event_details_get_event (fixture->details));
  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==, "");

  atlas_selection_select_event (selection, atlas_dataset_get_event (fixture->dataset, 0));
  g_assert_nonnull (atlas_event_details_get_event (fixture->details));

  atlas_selection_clear (selection);
  g_assert_null (atlas_event_details_get_event (fixture->details));
  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==, "");
}

static void
test_details_nurse (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");

  g_assert_nonnull (nurse);
  atlas_selection_select_event (selection, nurse);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->details));

  g_assert_true (atlas_event_details_get_event (fixture->details) == nurse);
  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==,
                   atlas_event_get_title (nurse));
  g_assert_nonnull (atlas_event_get_excerpt (nurse));
  g_assert_cmpstr (atlas_event_details_get_excerpt_text (fixture->details), ==,
                   atlas_event_get_excerpt (nurse));
}

static void
test_details_walk (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");
  const guint *visible;
  guint n_visible = 0, pos;
  AtlasEvent *next, *previous;

  atlas_selection_select_event (selection, nurse);

  visible = atlas_context_get_visible (fixture->context, &n_visible);
  for (pos = 0; pos < n_visible && visible[pos] != atlas_event_get_index (nurse); pos++)
    ;
  g_assert_cmpuint (pos, >, 0);
  g_assert_cmpuint (pos + 1, <, n_visible);
  next = atlas_dataset_get_event (fixture->dataset, visible[pos + 1]);
  previous = atlas_dataset_get_event (fixture->dataset, visible[pos - 1]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->details), "details.next", NULL));
  g_assert_true (atlas_selection_get_first (selection) == next);
  g_assert_true (atlas_event_details_get_event (fixture->details) == next);
  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==,
                   atlas_event_get_title (next));

  gtk_widget_activate_action (GTK_WIDGET (fixture->details), "details.previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->details), "details.previous", NULL);
  g_assert_true (atlas_event_details_get_event (fixture->details) == previous);

  gtk_widget_activate_action (GTK_WIDGET (fixture->details), "details.next", NULL);
  g_assert_true (atlas_event_details_get_event (fixture->details) == nurse);
}

static void
test_details_walk_ends (Fixture       *fixture,
                        gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  guint n = atlas_dataset_get_n_events (fixture->dataset);
  AtlasEvent *last = atlas_dataset_get_event (fixture->dataset, n - 1);

  atlas_selection_select_event (selection, last);
  gtk_widget_activate_action (GTK_WIDGET (fixture->details), "details.next", NULL);
  g_assert_true (atlas_event_details_get_event (fixture->details) == last);
}

static void
test_details_markup_is_text (Fixture       *fixture,
                             gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *event = atlas_dataset_lookup_event (fixture->dataset, "e1");

  g_assert_nonnull (event);
  g_assert_cmpstr (atlas_event_get_title (event), ==, "<b>x</b> & y");

  atlas_selection_select_event (selection, event);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->details));

  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==, "<b>x</b> & y");
  g_assert_cmpstr (atlas_event_details_get_excerpt_text (fixture->details), ==,
                   "<span>Quoted</span> & more <b>bold</b> text.");
}

static void
assert_property_rows (Fixture    *fixture,
                      const char *event_id,
                      const char *expected)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *event = atlas_dataset_lookup_event (fixture->dataset, event_id);
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n;

  g_assert_nonnull (event);
  atlas_selection_select_event (selection, event);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->details));

  n = atlas_event_details_get_n_property_rows (fixture->details);
  g_assert_cmpuint (n, ==, atlas_event_get_n_properties (event));
  for (guint i = 0; i < n; i++)
    {
      const char *key = NULL, *model_key = NULL;
      const char *value = atlas_event_details_get_property_row_text (fixture->details, i, &key);
      const char *model_value = atlas_event_get_property (event, i, &model_key);

      g_assert_cmpstr (key, ==, model_key);
      g_assert_cmpstr (value, ==, model_value);
      g_string_append_printf (shown, "%s%s=%s", i > 0 ? ";" : "", key, value);
    }
  g_assert_cmpstr (shown->str, ==, expected);
}

/* the free properties of an imported feature, key → value, as plain text; the
 * section goes away for an event that has none */
static void
test_details_properties (Fixture       *fixture,
                         gconstpointer  data)
{
  assert_property_rows (fixture, "f-strike", "casualties=3;verified=true;ratio=0.1");
  assert_property_rows (fixture, "feature-4", "");
  assert_property_rows (fixture, "42", "date=ignored: start comes first;"
                                       "extra={\"a\":1,\"b\":[true,null]}");
  assert_property_rows (fixture, "feature-5", "");

  atlas_selection_clear (atlas_context_get_selection (fixture->context));
  g_assert_cmpuint (atlas_event_details_get_n_property_rows (fixture->details), ==, 0);
}

/* an event without time says "Undated" and gives no basis for a date */
static void
test_details_undated (Fixture       *fixture,
                      gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *undated = atlas_dataset_lookup_event (fixture->dataset, "feature-5");

  g_assert_true (atlas_event_is_undated (undated));
  atlas_selection_select_event (selection, undated);
  g_assert_cmpstr (atlas_event_details_get_title_text (fixture->details), ==, "Undated report");
  g_assert_cmpstr (atlas_event_details_get_date_text (fixture->details), ==, "Undated");
  g_assert_false (atlas_event_details_get_basis_visible (fixture->details));

  atlas_selection_select_event (selection,
                                atlas_dataset_lookup_event (fixture->dataset, "f-strike"));
  g_assert_cmpstr (atlas_event_details_get_date_text (fixture->details), ==,
                   "Monday 5 December 2016");
  g_assert_true (atlas_event_details_get_basis_visible (fixture->details));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/event-details/empty", Fixture, NULL,
              fixture_setup, test_details_empty, fixture_teardown);
  g_test_add ("/event-details/nurse", Fixture, NULL,
              fixture_setup, test_details_nurse, fixture_teardown);
  g_test_add ("/event-details/walk", Fixture, NULL,
              fixture_setup, test_details_walk, fixture_teardown);
  g_test_add ("/event-details/walk-ends", Fixture, NULL,
              fixture_setup, test_details_walk_ends, fixture_teardown);
  g_test_add ("/event-details/markup-is-text", Fixture, NULL,
              fixture_setup_markup, test_details_markup_is_text, fixture_teardown);
  g_test_add ("/event-details/properties", Fixture, NULL,
              fixture_setup_features, test_details_properties, fixture_teardown);
  g_test_add ("/event-details/undated", Fixture, NULL,
              fixture_setup_features, test_details_undated, fixture_teardown);

  return g_test_run ();
}
