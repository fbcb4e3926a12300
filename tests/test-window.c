/* test-window.c — the main window driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three things users do: launch it, click events, filter by actor.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "atlas-window-private.h"

static void
wait_for_load (AtlasWindow *window)
{
  while (atlas_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  /* let idle layout and tile callbacks run */
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (widget);
}

static AtlasWindow *
open_window (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_load (window);
  g_assert_null (atlas_window_get_error (window));
  g_assert_nonnull (atlas_context_get_dataset (atlas_window_get_context (window)));
  settle (GTK_WIDGET (window));

  return window;
}

static void
close_window (AtlasWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_window_opens_dataset (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);

  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==,
                   atlas_dataset_get_title (dataset));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "main");
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, atlas_dataset_get_n_events (dataset));
  g_assert_cmpuint (atlas_map_view_get_n_markers (window->map_view), >, 0);

  close_window (window);
}

/* Select the nurse event on the timeline → Furqan is highlighted on the map and
 * the details show its excerpt. */
static void
test_window_select_on_timeline (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasSelection *selection = atlas_context_get_selection (context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (dataset, "nurse-killed-furqan");
  AtlasLocation *furqan = atlas_dataset_lookup_location (dataset, "al-furqan");
  double x, y;

  g_assert_nonnull (nurse);
  g_assert_nonnull (furqan);

  /* the day of the report is crowded: zoom the timeline to early December first */
  atlas_timeline_zoom_to_range (window->timeline,
                                atlas_time_from_civil (2016, 12, 1, 0, 0, 0),
                                atlas_time_from_civil (2016, 12, 9, 0, 0, 0));
  settle (GTK_WIDGET (window));
  g_assert_true (atlas_timeline_get_event_position (window->timeline, nurse, &x, &y));
  atlas_timeline_click_at (window->timeline, x, y, 0);
  settle (GTK_WIDGET (window));

  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 1);
  g_assert_true (atlas_selection_get_event (selection, 0) == nurse);
  g_assert_true (atlas_map_view_location_is_highlighted (window->map_view, furqan));
  g_assert_true (gtk_revealer_get_reveal_child (window->details_revealer));
  g_assert_true (atlas_event_details_get_event (window->details) == nurse);
  g_assert_cmpstr (atlas_event_details_get_excerpt_text (window->details), ==,
                   atlas_event_get_excerpt (nurse));
  g_assert_cmpstr (atlas_event_details_get_title_text (window->details), ==,
                   atlas_event_get_title (nurse));

  close_window (window);
}

/* Click the Furqan marker → the selection holds its events. */
static void
test_window_click_marker (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasSelection *selection = atlas_context_get_selection (context);
  AtlasLocation *furqan = atlas_dataset_lookup_location (dataset, "al-furqan");
  const guint *furqan_events;
  guint n_furqan;
  double x, y;

  furqan_events = atlas_dataset_get_location_events (dataset, furqan, &n_furqan);
  g_assert_cmpuint (n_furqan, >, 0);

  atlas_map_view_center_on (window->map_view, furqan);
  settle (GTK_WIDGET (window));
  g_assert_true (atlas_map_view_get_location_position (window->map_view, furqan, &x, &y));
  atlas_map_view_click_at (window->map_view, x, y);
  settle (GTK_WIDGET (window));
  /* the details pane has opened beside the map: the marker moved with it */
  g_assert_true (atlas_map_view_get_location_position (window->map_view, furqan, &x, &y));

  /* every event at Furqan is selected, and nothing that is not at the marker */
  for (guint i = 0; i < n_furqan; i++)
    g_assert_true (atlas_selection_contains (selection,
                                             atlas_dataset_get_event (dataset, furqan_events[i])));
  for (guint i = 0; i < atlas_selection_get_n_events (selection); i++)
    {
      AtlasEvent *event = atlas_selection_get_event (selection, i);
      gboolean at_marker = FALSE;

      for (guint p = 0; p < atlas_event_get_n_places (event); p++)
        {
          AtlasLocation *place = atlas_event_get_place (event, p, NULL);
          double px, py;

          if (atlas_map_view_get_location_position (window->map_view, place, &px, &py) &&
              px == x && py == y)
            at_marker = TRUE;
        }
      if (!at_marker)
        g_error ("%s is selected but has no place at the marker", atlas_event_get_id (event));
    }
  g_assert_true (atlas_map_view_location_is_highlighted (window->map_view, furqan));

  close_window (window);
}

/* Filter by the Army of Islam → the timeline shows exactly its events. */
static void
test_window_filter_by_actor (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasActor *army_of_islam = atlas_dataset_lookup_actor (dataset, "army-of-islam");
  guint n_expected;

  g_assert_nonnull (army_of_islam);
  atlas_dataset_get_actor_events (dataset, army_of_islam, &n_expected);
  g_assert_cmpuint (n_expected, >, 0);

  atlas_actor_sidebar_toggle_actor (window->sidebar, army_of_islam);
  settle (GTK_WIDGET (window));

  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, n_expected);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (window->timeline), ==, n_expected);
  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);

      g_assert_cmpint (atlas_context_is_visible (context, event), ==,
                       atlas_event_has_actor (event, army_of_islam));
    }
  g_assert_true (gtk_widget_get_visible (window->clear_filter_button));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filter", NULL);
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, atlas_dataset_get_n_events (dataset));

  close_window (window);
}

/* Drag the playhead to 15 November 2016 → only earlier events are on the map. */
static void
test_window_playhead (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  gint64 playhead = atlas_time_from_civil (2016, 11, 15, 0, 0, 0);
  g_autoptr(GHashTable) places = g_hash_table_new (NULL, NULL);
  guint n_visible = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.up-to-playhead", NULL);
  g_assert_true (atlas_context_get_up_to_playhead (context));
  atlas_context_set_playhead (context, playhead);
  settle (GTK_WIDGET (window));

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      gboolean before = atlas_event_get_start (event) <= playhead;

      g_assert_cmpint (atlas_context_is_visible (context, event), ==, before);
      if (before)
        {
          n_visible++;
          for (guint p = 0; p < atlas_event_get_n_places (event); p++)
            g_hash_table_add (places, atlas_event_get_place (event, p, NULL));
        }
    }
  g_assert_cmpuint (n_visible, >, 0);
  g_assert_cmpuint (n_visible, <, atlas_dataset_get_n_events (dataset));
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==, n_visible);
  g_assert_cmpuint (atlas_map_view_get_n_markers (window->map_view), <=, g_hash_table_size (places));

  close_window (window);
}

/* A file that fails to load leaves the dataset on screen untouched. */
static void
test_window_bad_file_keeps_dataset (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *before = atlas_context_get_dataset (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_file_set_contents (path, "{ \"format\": \"event-atlas\", \"version\": 7 }", -1, &error);
  g_assert_no_error (error);

  atlas_window_open_file (window, file);
  wait_for_load (window);

  g_assert_true (atlas_context_get_dataset (context) == before);
  g_assert_nonnull (atlas_window_get_error (window));
  g_assert_nonnull (strstr (atlas_window_get_error (window), "version 7"));

  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* With no dataset yet, a bad file shows the error page with the message. */
static void
test_window_bad_file_error_page (void)
{
  AtlasWindow *window = atlas_window_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_file_set_contents (path, "", -1, &error);
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open_file (window, file);
  wait_for_load (window);

  g_assert_null (atlas_context_get_dataset (atlas_window_get_context (window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "error");
  g_assert_cmpstr (gtk_label_get_text (window->error_label), ==, atlas_window_get_error (window));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (window->error_label), path));

  close_window (window);

  /* the same before the window is first shown: a small file is read at once, so
   * the first frame already says what is wrong */
  window = atlas_window_new (NULL);
  atlas_window_open_file (window, file);
  g_assert_false (atlas_window_is_loading (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "error");
  g_assert_true (g_str_has_prefix (atlas_window_get_error (window), path));
  gtk_window_present (GTK_WINDOW (window));

  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* Click the nurse sentence in the source pane → the nurse event is selected and
 * the Furqan marker is highlighted; the details show it. */
static void
test_window_click_source_sentence (void)
{
  AtlasWindow *window = open_window ();
  AtlasContext *context = atlas_window_get_context (window);
  AtlasDataset *dataset = atlas_context_get_dataset (context);
  AtlasSelection *selection = atlas_context_get_selection (context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (dataset, "nurse-killed-furqan");
  AtlasLocation *furqan = atlas_dataset_lookup_location (dataset, "al-furqan");
  gint64 offset = atlas_event_get_excerpt_offset (nurse);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-source", NULL);
  settle (GTK_WIDGET (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->source_revealer));

  /* a word inside the sentence, away from its edges */
  atlas_source_pane_click_at_offset (window->source_pane, 0, offset + 10, 0);
  settle (GTK_WIDGET (window));

  g_assert_true (atlas_selection_contains (selection, nurse));
  for (guint i = 0; i < atlas_selection_get_n_events (selection); i++)
    {
      AtlasEvent *event = atlas_selection_get_event (selection, i);
      gint64 from = atlas_event_get_excerpt_offset (event);

      /* only events whose excerpt covers the click */
      g_assert_cmpint (from, <=, offset + 10);
      g_assert_cmpint (from + g_utf8_strlen (atlas_event_get_excerpt (event), -1), >, offset + 10);
    }
  g_assert_true (atlas_map_view_location_is_highlighted (window->map_view, furqan));
  g_assert_true (atlas_source_pane_offset_is_selected (window->source_pane, 0, offset + 10));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/opens-dataset", test_window_opens_dataset);
  g_test_add_func ("/window/select-on-timeline", test_window_select_on_timeline);
  g_test_add_func ("/window/click-marker", test_window_click_marker);
  g_test_add_func ("/window/filter-by-actor", test_window_filter_by_actor);
  g_test_add_func ("/window/playhead", test_window_playhead);
  g_test_add_func ("/window/bad-file-keeps-dataset", test_window_bad_file_keeps_dataset);
  g_test_add_func ("/window/bad-file-error-page", test_window_bad_file_error_page);
  g_test_add_func ("/window/click-source-sentence", test_window_click_source_sentence);

  return g_test_run ();
}
