/* test-timeline.c — the timeline driven as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "atlas-model.h"
#include "atlas-timeline-private.h"

typedef struct {
  AtlasDataset  *dataset;
  AtlasContext  *context;
  GtkWindow     *window;
  AtlasTimeline *timeline;
} Fixture;

static gint64
civil (int year, int month, int day, int hour)
{
  return atlas_time_from_civil (year, month, day, hour, 0, 0);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/aleppo-2016-12-05.json");
  g_autoptr(GError) error = NULL;

  fixture->dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->dataset);

  fixture->context = atlas_context_new ();
  atlas_context_set_dataset (fixture->context, fixture->dataset);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 200);
  fixture->timeline = ATLAS_TIMELINE (atlas_timeline_new ());
  atlas_timeline_set_context (fixture->timeline, fixture->context);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->timeline), (gpointer *) &fixture->timeline);
  gtk_window_destroy (fixture->window);
  g_assert_null (fixture->timeline);
  g_assert_finalize_object (fixture->context);
  g_assert_finalize_object (fixture->dataset);
}

static void
zoom_to_early_december (Fixture *fixture)
{
  atlas_timeline_zoom_to_range (fixture->timeline, civil (2016, 12, 1, 0), civil (2016, 12, 8, 0));
  gtk_widget_queue_draw (GTK_WIDGET (fixture->timeline));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
}

static void
test_timeline_framing (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 from, to;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->timeline));

  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->timeline)), ==, 200);

  /* opens where most events are: the report's day, 5 December 2016, with a few
   * days either side, not the whole 2011 … 2016 span in which it is one column
   * (it used to open on everything; frame-all below still shows everything) */
  g_assert_true (atlas_dataset_get_time_range (fixture->dataset, &from, &to));
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 5, 0)), >, 0);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 6, 0)), <, width);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 6, 0))
                     - atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 5, 0)), >, 80);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, from), <, 0);

  /* frame-all (Ctrl+0 in the window) frames the dataset's span with a little room */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.frame-all", NULL));
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, from), >, 0);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, from), <, 60);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, to), <, width);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, to), >, width - 60);

  /* every event is visible with the playhead at the end */
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==,
                    atlas_dataset_get_n_events (fixture->dataset));

  /* x ↔ time round trip at this zoom and after zooming in */
  for (double x = 0; x <= width; x += 45)
    g_assert_cmpfloat_with_epsilon (atlas_timeline_time_to_x (fixture->timeline,
                                                              atlas_timeline_x_to_time (fixture->timeline, x)),
                                    x, 1e-3);

  zoom_to_early_december (fixture);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 1, 0)), 0, 0.5);
  g_assert_cmpfloat_with_epsilon (atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 8, 0)), width, 0.5);
  for (double x = 0; x <= width; x += 45)
    g_assert_cmpfloat_with_epsilon (atlas_timeline_time_to_x (fixture->timeline,
                                                              atlas_timeline_x_to_time (fixture->timeline, x)),
                                    x, 1e-3);

  /* + zooms in around the playhead, 0 frames everything again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.zoom-in", NULL));
  g_assert_cmpint (atlas_timeline_x_to_time (fixture->timeline, width) - atlas_timeline_x_to_time (fixture->timeline, 0),
                   <, 7 * ATLAS_USEC_PER_DAY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.frame-all", NULL));
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, from), >, 0);
  g_assert_cmpfloat (atlas_timeline_time_to_x (fixture->timeline, from), <, 60);
}

static void
test_timeline_click_selects (Fixture       *fixture,
                             gconstpointer  data)
{
  AtlasSelection *selection = atlas_context_get_selection (fixture->context);
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");
  AtlasEvent *other = atlas_dataset_lookup_event (fixture->dataset, "kerry-rome-proposals");
  double x, y, ox, oy;
  double empty_x = -1, empty_y = -1;

  g_assert_nonnull (nurse);
  g_assert_nonnull (other);

  zoom_to_early_december (fixture);

  /* the nurse was killed on 5 December: its mark is over that day */
  g_assert_true (atlas_timeline_get_event_position (fixture->timeline, nurse, &x, &y));
  g_assert_cmpfloat (x, >=, atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 5, 0)));
  g_assert_cmpfloat (x, <=, atlas_timeline_time_to_x (fixture->timeline, civil (2016, 12, 6, 0)));
  g_assert_true (atlas_timeline_get_event_at (fixture->timeline, x, y) == nurse);

  atlas_timeline_click_at (fixture->timeline, x, y, 0);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 1);
  g_assert_true (atlas_selection_contains (selection, nurse));

  /* Ctrl+click adds another, Ctrl+click again takes it away */
  g_assert_true (atlas_timeline_get_event_position (fixture->timeline, other, &ox, &oy));
  atlas_timeline_click_at (fixture->timeline, ox, oy, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 2);
  atlas_timeline_click_at (fixture->timeline, ox, oy, GDK_CONTROL_MASK);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 1);
  g_assert_true (atlas_selection_contains (selection, nurse));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));

  /* a click on empty space clears it */
  for (double ex = 10; ex < 900 && empty_x < 0; ex += 10)
    for (double ey = 20; ey < 150 && empty_x < 0; ey += 4)
      if (atlas_timeline_get_event_at (fixture->timeline, ex, ey) == NULL)
        {
          empty_x = ex;
          empty_y = ey;
        }
  g_assert_cmpfloat (empty_x, >=, 0);
  atlas_timeline_click_at (fixture->timeline, empty_x, empty_y, 0);
  g_assert_cmpuint (atlas_selection_get_n_events (selection), ==, 0);
}

/* an event the source attributes to someone says so in its tooltip */
static void
test_timeline_tooltip_attribution (Fixture       *fixture,
                                   gconstpointer  data)
{
  AtlasEvent *kerry = atlas_dataset_lookup_event (fixture->dataset, "kerry-rome-proposals");
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");
  g_autofree char *kerry_date = atlas_event_format_date (kerry);
  g_autofree char *nurse_date = atlas_event_format_date (nurse);
  g_autofree char *expected = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *plain = NULL;
  double x, y;

  zoom_to_early_december (fixture);

  g_assert_true (atlas_timeline_get_event_position (fixture->timeline, kerry, &x, &y));
  tooltip = atlas_timeline_dup_tooltip_at (fixture->timeline, x, y);
  expected = g_strdup_printf ("Kerry makes proposals in Rome\n%s\nAccording to Sergei Lavrov",
                              kerry_date);
  g_assert_cmpstr (tooltip, ==, expected);

  g_clear_pointer (&expected, g_free);
  g_assert_true (atlas_timeline_get_event_position (fixture->timeline, nurse, &x, &y));
  plain = atlas_timeline_dup_tooltip_at (fixture->timeline, x, y);
  expected = g_strdup_printf ("%s\n%s", atlas_event_get_title (nurse), nurse_date);
  g_assert_cmpstr (plain, ==, expected);
}

static void
test_timeline_playhead_keys (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);
  AtlasEvent *nurse = atlas_dataset_lookup_event (fixture->dataset, "nurse-killed-furqan");
  gint64 from, to, playhead;
  guint n_drawn;

  g_assert_true (atlas_dataset_get_time_range (fixture->dataset, &from, &to));
  zoom_to_early_december (fixture);
  atlas_context_set_up_to_playhead (fixture->context, TRUE);
  atlas_context_set_playhead (fixture->context, civil (2016, 12, 5, 0));
  g_assert_true (atlas_context_is_visible (fixture->context, nurse));
  n_drawn = atlas_timeline_get_n_drawn (fixture->timeline);
  g_assert_cmpuint (n_drawn, ==, atlas_context_get_n_visible (fixture->context));

  /* ← steps back one tick (12 hours at this zoom): 5 December's events are after it */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", -1));
  playhead = atlas_context_get_playhead (fixture->context);
  g_assert_cmpint (playhead, ==, civil (2016, 12, 4, 12));
  g_assert_false (atlas_context_is_visible (fixture->context, nurse));
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), <, n_drawn);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==,
                    atlas_context_get_n_visible (fixture->context));
  /* still drawn, ghosted: it can be found and clicked */
  g_assert_true (atlas_timeline_get_event_position (fixture->timeline, nurse, NULL, NULL));

  /* → twice, then Shift+→ (a day) */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 1));
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step", "i", 1));
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, civil (2016, 12, 5, 12));
  g_assert_true (atlas_context_is_visible (fixture->context, nurse));
  g_assert_true (gtk_widget_activate_action (widget, "timeline.step-day", "i", 1));
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, civil (2016, 12, 6, 0));

  /* Home and End */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.playhead-start", NULL));
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, from);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==, 1);   /* the war began in 2011 */
  g_assert_true (gtk_widget_activate_action (widget, "timeline.playhead-end", NULL));
  g_assert_cmpint (atlas_context_get_playhead (fixture->context), ==, to);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==,
                    atlas_dataset_get_n_events (fixture->dataset));

  /* Enter selects the latest event at or before the playhead */
  atlas_context_set_playhead (fixture->context, civil (2016, 12, 4, 12));
  g_assert_true (gtk_widget_activate_action (widget, "timeline.select-at-playhead", NULL));
  g_assert_cmpstr (atlas_event_get_id (atlas_selection_get_first (atlas_context_get_selection (fixture->context))),
                   ==, "moscow-aid-to-furqan");
  gtk_test_widget_wait_for_draw (widget);
}

static void
test_timeline_filter (Fixture       *fixture,
                      gconstpointer  data)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  AtlasActor *army_of_islam = atlas_dataset_lookup_actor (fixture->dataset, "army-of-islam");
  guint n_events;
  gint64 from, to;

  g_assert_nonnull (army_of_islam);
  atlas_dataset_get_actor_events (fixture->dataset, army_of_islam, &n_events);
  g_assert_cmpuint (n_events, >, 0);

  /* filtered-out events are not drawn at all */
  atlas_filter_set_only_actor (filter, army_of_islam);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==, n_events);
  g_assert_false (atlas_timeline_get_event_position (fixture->timeline,
                                                     atlas_dataset_lookup_event (fixture->dataset,
                                                                                 "mig-29-crash"),
                                                     NULL, NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
  atlas_filter_reset (filter);
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==,
                    atlas_dataset_get_n_events (fixture->dataset));

  /* a time window (what a Shift+drag sets) is cleared by Escape */
  atlas_filter_set_time_window (filter, civil (2016, 12, 2, 0), civil (2016, 12, 4, 0));
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==,
                    atlas_context_get_n_visible (fixture->context));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.clear-window", NULL));
  atlas_filter_get_time_window (filter, &from, &to);
  g_assert_cmpint (from, ==, ATLAS_TIME_NONE);
  g_assert_cmpint (to, ==, ATLAS_TIME_NONE);
}

/* The count histogram only when marks pile up: the Aleppo dataset's dozens of
 * lanes do not fit 200 pixels, ACLED's four events in four lanes do */
static void
test_timeline_histogram (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATADIR "/../tests/data/import/acled.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) acled = NULL;

  g_assert_true (atlas_timeline_get_histogram_visible (fixture->timeline));

  acled = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (acled), ==, 4);
  atlas_context_set_dataset (fixture->context, acled);
  gtk_widget_queue_draw (GTK_WIDGET (fixture->timeline));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
  g_assert_cmpuint (atlas_timeline_get_n_drawn (fixture->timeline), ==, 4);
  g_assert_false (atlas_timeline_get_histogram_visible (fixture->timeline));

  /* and back */
  atlas_context_set_dataset (fixture->context, fixture->dataset);
  g_assert_true (atlas_timeline_get_histogram_visible (fixture->timeline));
}

/* The histogram counts every event per column by binary searches over the sorted
 * times: the same counts, column for column, as one event at a time, whatever
 * the zoom, pan, filter and playhead — on a generated dataset (dates of every
 * precision, spans with an end) and on the bundled one. */
static void
assert_counts_agree (AtlasTimeline *timeline,
                     const char    *what)
{
  g_autoptr(GArray) fast_all = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) fast_visible = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) slow_all = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GArray) slow_visible = g_array_new (FALSE, TRUE, sizeof (guint));
  guint n_fast = atlas_timeline_count_columns (timeline, FALSE, fast_all, fast_visible);
  guint n_slow = atlas_timeline_count_columns (timeline, TRUE, slow_all, slow_visible);

  g_test_message ("%s: %u events touch the view", what, n_slow);
  g_assert_cmpuint (n_fast, ==, n_slow);
  g_assert_cmpuint (fast_all->len, ==, slow_all->len);
  for (guint b = 0; b < slow_all->len; b++)
    {
      g_assert_cmpuint (g_array_index (fast_all, guint, b), ==, g_array_index (slow_all, guint, b));
      g_assert_cmpuint (g_array_index (fast_visible, guint, b), ==, g_array_index (slow_visible, guint, b));
    }
}

/* The lanes the layout gives by merging the runs of each kind of span are the
 * ones a sort of all the marks gives */
static void
assert_merge_equals_sort (AtlasTimeline *timeline,
                          AtlasDataset  *dataset)
{
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint pass = 0; pass < 2; pass++)
    {
      atlas_timeline_set_layout_by_sorting (timeline, pass == 1);
      for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
        {
          guint lane = G_MAXUINT - 1;

          atlas_timeline_get_event_lane (timeline, atlas_dataset_get_event (dataset, i), &lane);
          g_array_append_val (pass == 0 ? merged : sorted, lane);
        }
    }
  atlas_timeline_set_layout_by_sorting (timeline, FALSE);

  for (guint i = 0; i < merged->len; i++)
    g_assert_cmpuint (g_array_index (merged, guint, i), ==, g_array_index (sorted, guint, i));
}

static void
check_counts_at_zooms (Fixture      *fixture,
                       AtlasDataset *dataset,
                       const char   *what)
{
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  gint64 from, to;
  /* fractions of the whole span shown, and where the view starts in it */
  const double spans[] = { 1.2, 0.5, 0.05, 0.003, 0.0004 };
  const double starts[] = { -0.1, 0.0, 0.3137, 0.77, 0.999 };
  const double playheads[] = { -1, 0.0, 0.31, 0.5, 0.85, 2 };

  g_assert_true (atlas_dataset_get_time_range (dataset, &from, &to));
  for (guint f = 0; f < 2; f++)
    {
      if (f == 1)
        atlas_filter_set_only_actor (filter, atlas_dataset_get_actor (dataset, 1));

      for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
        for (guint o = 0; o < G_N_ELEMENTS (starts); o++)
          {
            gint64 view_from = from + (gint64) (starts[o] * (double) (to - from));
            gint64 view_to = view_from + (gint64) (spans[s] * (double) (to - from)) + 1;

            atlas_timeline_zoom_to_range (fixture->timeline, view_from, view_to);
            assert_merge_equals_sort (fixture->timeline, dataset);
            for (guint p = 0; p < G_N_ELEMENTS (playheads); p++)
              {
                g_autofree char *label = g_strdup_printf ("%s, filter %u, span %g at %g, playhead %g",
                                                          what, f, spans[s], starts[o], playheads[p]);

                atlas_context_set_up_to_playhead (fixture->context, playheads[p] >= 0);
                if (playheads[p] >= 0)
                  atlas_context_set_playhead (fixture->context,
                                              view_from + (gint64) (playheads[p] * (double) (view_to - view_from)));
                assert_counts_agree (fixture->timeline, label);
              }
          }
    }
  atlas_filter_reset (filter);
  atlas_context_set_up_to_playhead (fixture->context, FALSE);
}

static void
test_timeline_column_counts (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.json", NULL);
  const char *argv[] = { GEN_DATASET_BIN, "6000", path, NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) generated = NULL;
  int status;

  check_counts_at_zooms (fixture, fixture->dataset, "bundled");

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  generated = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (generated), ==, 6000);
  g_unlink (path);
  g_rmdir (dir);

  atlas_context_set_dataset (fixture->context, generated);
  check_counts_at_zooms (fixture, generated, "generated");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->timeline));
  atlas_context_set_dataset (fixture->context, fixture->dataset);
}

/* A dataset in bursts: forty events within a few hours every third day, some
 * known to the day, some to the minute, some with an end */
static AtlasDataset *
new_bursts_dataset (guint n_events)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1, "
                                          "\"title\": \"Bursts\", \"sources\": [], "
                                          "\"actors\": [{\"id\": \"a\", \"name\": \"A\"}], "
                                          "\"locations\": [{\"id\": \"l\", \"name\": \"L\", "
                                          "\"lat\": 36.2, \"lon\": 37.1}], "
                                          "\"events\": [");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  for (guint i = 0; i < n_events; i++)
    {
      gint64 start = civil (2020, 1, 1, 0) + (gint64) (i / 40) * 3 * ATLAS_USEC_PER_DAY
                     + (gint64) g_rand_int_range (rand, 0, 6 * 60) * 60 * G_USEC_PER_SEC;
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (start / G_USEC_PER_SEC);
      guint kind = g_rand_int_range (rand, 0, 6);
      g_autofree char *date = g_date_time_format (when, kind == 0 ? "%Y-%m-%d"
                                                                  : "%Y-%m-%dT%H:%M:00+00:00");

      g_string_append_printf (json, "%s{\"id\": \"e%u\", \"title\": \"Event %u\", "
                              "\"start\": \"%s\"", i > 0 ? ", " : "", i, i, date);
      if (kind == 1)
        {
          g_autoptr(GDateTime) end = g_date_time_add_hours (when, g_rand_int_range (rand, 1, 9));
          g_autofree char *end_date = g_date_time_format (end, "%Y-%m-%dT%H:%M:00+00:00");

          g_string_append_printf (json, ", \"end\": \"%s\"", end_date);
        }
      g_string_append (json, ", \"places\": [{\"location\": \"l\"}], "
                             "\"participants\": [{\"actor\": \"a\", \"role\": \"agent\"}]}");
    }
  g_string_append (json, "]}");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  dataset = atlas_dataset_new_from_bytes (bytes, "bursts.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, n_events);

  return dataset;
}

/* The lane of every event of @dataset in the current view, G_MAXUINT - 1 for
 * the ones not laid out */
static GArray *
collect_lanes (AtlasTimeline *timeline,
               AtlasDataset  *dataset)
{
  GArray *lanes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      guint lane = G_MAXUINT - 1;

      atlas_timeline_get_event_lane (timeline, atlas_dataset_get_event (dataset, i), &lane);
      g_array_append_val (lanes, lane);
    }
  return lanes;
}

/* At scale a sparse view lays out only a window of the events around it: each
 * event of the window gets the lane the layout of all of them gives it (the
 * window starts where every lane is free), whatever the zoom and pan, with and
 * without a filter; every event in view is in the window. */
static void
test_timeline_sparse_layout (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AtlasDataset) bursts = new_bursts_dataset (4000);
  AtlasFilter *filter = atlas_context_get_filter (fixture->context);
  const double days[] = { 40, 9, 2.5, 0.6, 0.1 };
  const double offsets[] = { 0.0, 0.37, 1.5, 13.25, 101.6, 266.2 };
  guint n_windows = 0;

  atlas_context_set_dataset (fixture->context, bursts);
  for (guint f = 0; f < 2; f++)
    {
      if (f == 1)
        atlas_filter_set_time_window (filter, civil (2020, 1, 20, 0), civil (2020, 7, 1, 0));

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
          {
            gint64 from = civil (2020, 1, 1, 0) + (gint64) (offsets[o] * ATLAS_USEC_PER_DAY);
            gint64 to = from + (gint64) (days[d] * ATLAS_USEC_PER_DAY);
            g_autoptr(GArray) full = NULL;
            g_autoptr(GArray) windowed = NULL;
            g_autoptr(GArray) sorted = NULL;
            g_autoptr(GArray) in_view = NULL;
            guint n_full, n_windowed;

            atlas_timeline_zoom_to_range (fixture->timeline, from, to);
            atlas_timeline_set_layout_window_min (fixture->timeline, G_MAXUINT);
            full = collect_lanes (fixture->timeline, bursts);
            n_full = atlas_timeline_get_n_laid_out (fixture->timeline);
            /* which events the whole layout shows in view (asked once: switching the
             * layout lays everything out again) */
            in_view = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), full->len);
            for (guint i = 0; i < full->len; i++)
              {
                gboolean shown = atlas_timeline_get_event_position (fixture->timeline,
                                                                    atlas_dataset_get_event (bursts, i),
                                                                    NULL, NULL);

                g_array_append_val (in_view, shown);
              }

            /* the runs merged: what a sort of everything gives */
            atlas_timeline_set_layout_by_sorting (fixture->timeline, TRUE);
            sorted = collect_lanes (fixture->timeline, bursts);
            atlas_timeline_set_layout_by_sorting (fixture->timeline, FALSE);
            for (guint i = 0; i < full->len; i++)
              g_assert_cmpuint (g_array_index (full, guint, i), ==,
                                g_array_index (sorted, guint, i));

            atlas_timeline_set_layout_window_min (fixture->timeline, 0);
            windowed = collect_lanes (fixture->timeline, bursts);
            n_windowed = atlas_timeline_get_n_laid_out (fixture->timeline);
            if (n_full == 0)
              continue;   /* dense: no lanes */

            g_test_message ("%g days at %g, filter %u: %u of %u laid out", days[d], offsets[o], f,
                            n_windowed, n_full);
            g_assert_cmpuint (n_windowed, <=, n_full);
            if (n_windowed < n_full)
              n_windows++;
            for (guint i = 0; i < full->len; i++)
              {
                guint lane = g_array_index (windowed, guint, i);

                if (lane != G_MAXUINT - 1)
                  g_assert_cmpuint (lane, ==, g_array_index (full, guint, i));

                /* in view: in the window */
                if (g_array_index (in_view, gboolean, i))
                  g_assert_cmpuint (lane, !=, G_MAXUINT - 1);
              }
          }
    }
  /* the narrow views did lay out a window, not everything */
  g_assert_cmpuint (n_windows, >=, 20);

  atlas_filter_reset (filter);
  atlas_context_set_dataset (fixture->context, fixture->dataset);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/timeline/framing", Fixture, NULL,
              fixture_setup, test_timeline_framing, fixture_teardown);
  g_test_add ("/timeline/click-selects", Fixture, NULL,
              fixture_setup, test_timeline_click_selects, fixture_teardown);
  g_test_add ("/timeline/tooltip-attribution", Fixture, NULL,
              fixture_setup, test_timeline_tooltip_attribution, fixture_teardown);
  g_test_add ("/timeline/playhead-keys", Fixture, NULL,
              fixture_setup, test_timeline_playhead_keys, fixture_teardown);
  g_test_add ("/timeline/filter", Fixture, NULL,
              fixture_setup, test_timeline_filter, fixture_teardown);
  g_test_add ("/timeline/histogram", Fixture, NULL,
              fixture_setup, test_timeline_histogram, fixture_teardown);
  g_test_add ("/timeline/column-counts", Fixture, NULL,
              fixture_setup, test_timeline_column_counts, fixture_teardown);
  g_test_add ("/timeline/sparse-layout", Fixture, NULL,
              fixture_setup, test_timeline_sparse_layout, fixture_teardown);

  return g_test_run ();
}
