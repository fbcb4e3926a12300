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

  return g_test_run ();
}
