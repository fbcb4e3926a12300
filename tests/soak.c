/* soak.c — a long scripted session: memory stays flat, the log stays clean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window on the bundled dataset and, for ATLAS_SOAK_SECONDS
 * (30 in the suite; `ATLAS_SOAK_SECONDS=600` for the documented 10-minute run),
 * repeats what a reader does: reload the dataset, scrub the playhead, toggle
 * actor filters, select events, search, pan and zoom the map, switch "up to the
 * playhead".  The resident set size is sampled from /proc/self/statm after a
 * warm-up; it must grow less than 5%.  Any warning or critical fails the run.
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <unistd.h>

#include "atlas-window-private.h"

/* every step below repeats with a period dividing this: after the warm-up the
 * caches are full (labels, nodes, libshumate's 100 tiles — which are fewer than
 * the ~110 tiles of zooms 8–11, so ~35 tiles are redrawn each round: memory
 * churns but must not grow) */
#define WARM_UP_ROUNDS 8

static guint n_warnings;

static GLogWriterOutput
count_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    n_warnings++;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gsize
resident_kib (void)
{
  g_autofree char *contents = NULL;
  unsigned long size = 0, resident = 0;

  /* hand freed memory back first: what is left is what the program holds, not
   * glibc's free lists (fragmentation would otherwise read as growth) */
  malloc_trim (0);
  g_assert_true (g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL));
  g_assert_cmpint (sscanf (contents, "%lu %lu", &size, &resident), ==, 2);
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE) / 1024;
}

static void
pump (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
open_dataset (AtlasWindow *window,
              GFile       *file)
{
  atlas_window_open_file (window, file);
  while (atlas_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (atlas_window_get_error (window));
}

/* One round of everything a reader does */
static void
round_of_use (AtlasWindow *window,
              GFile       *file,
              guint        round)
{
  AtlasContext *context;
  AtlasDataset *dataset;
  AtlasFilter *filter;
  AtlasSelection *selection;
  ShumateViewport *viewport;
  GListModel *actors;
  gint64 from, to;
  guint n_events;
  static const char *searches[] = { "aleppo", "hospital", "zzz-nothing", "" };   /* period 4 */

  if (round % 4 == 0)
    open_dataset (window, file);

  context = atlas_window_get_context (window);
  dataset = atlas_context_get_dataset (context);
  filter = atlas_context_get_filter (context);
  selection = atlas_context_get_selection (context);
  actors = atlas_dataset_get_actors (dataset);
  n_events = atlas_dataset_get_n_events (dataset);
  g_assert_true (atlas_dataset_get_time_range (dataset, &from, &to));

  /* scrub the playhead across the whole range */
  for (guint step = 0; step <= 10; step++)
    {
      atlas_context_set_playhead (context, from + (to - from) / 10 * step);
      pump ();
    }
  atlas_context_set_up_to_playhead (context, round % 2 == 0);
  pump ();

  /* toggle two actors on and off, then one alone */
  for (guint i = 0; i < 2 && i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(AtlasActor) actor = g_list_model_get_item (actors, (round % 4 + i) %
                                                           g_list_model_get_n_items (actors));

      atlas_filter_set_actor_active (filter, actor, TRUE);
      pump ();
      if (i == 1)
        atlas_filter_set_only_actor (filter, actor);
      pump ();
      atlas_filter_set_actor_active (filter, actor, FALSE);
      pump ();
    }

  /* select events, step through them */
  atlas_selection_select_event (selection, atlas_dataset_get_event (dataset,
                                                                    (round % 8) % n_events));
  pump ();
  atlas_context_select_next (context);
  atlas_context_select_previous (context);
  pump ();

  /* search */
  atlas_filter_set_search (filter, searches[round % G_N_ELEMENTS (searches)]);
  pump ();
  atlas_filter_set_search (filter, NULL);

  /* pan and zoom the map */
  viewport = shumate_map_get_viewport (atlas_map_view_get_map (window->map_view));
  shumate_viewport_set_zoom_level (viewport, 8 + round % 4);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 36.2 + (round % 2) * 0.02,
                                 37.15 - (round % 2) * 0.02);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  pump ();

  atlas_selection_clear (selection);
  atlas_filter_reset (filter);
  pump ();
}

static void
test_soak (void)
{
  g_autofree char *path = g_build_filename (TEST_DATADIR, "aleppo-2016-12-05.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *seconds_env = g_getenv ("ATLAS_SOAK_SECONDS");
  guint seconds = seconds_env != NULL ? (guint) g_ascii_strtoull (seconds_env, NULL, 10) : 30;
  AtlasWindow *window = atlas_window_new (NULL);
  gsize baseline, peak = 0, last = 0, middle = 0;
  gint64 end;
  guint round = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  open_dataset (window, file);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (; round < WARM_UP_ROUNDS; round++)
    round_of_use (window, file, round);
  baseline = resident_kib ();

  end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      round_of_use (window, file, round++);
      last = resident_kib ();
      peak = MAX (peak, last);
      if (middle == 0 && g_get_monotonic_time () > end - (gint64) seconds * G_USEC_PER_SEC / 2)
        middle = last;
    }

  g_test_message ("%u rounds in %u s; RSS after warm-up %" G_GSIZE_FORMAT " KiB, half-way %"
                  G_GSIZE_FORMAT " KiB, at the end %" G_GSIZE_FORMAT " KiB (%+.2f%%), peak %"
                  G_GSIZE_FORMAT " KiB",
                  round - WARM_UP_ROUNDS, seconds, baseline, middle, last,
                  100.0 * ((double) last - (double) baseline) / (double) baseline, peak);
  g_assert_cmpuint (round, >, WARM_UP_ROUNDS);
#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer's quarantine holds freed memory: RSS says nothing there */
  g_assert_cmpfloat ((double) last, <, (double) baseline * 1.05);
#endif
  g_assert_cmpuint (n_warnings, ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  pump ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_writer_func (count_writer, NULL, NULL);

  g_test_add_func ("/soak/session", test_soak);

  return g_test_run ();
}
