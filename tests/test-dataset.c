/* test-dataset.c — the bundled Aleppo dataset loads whole and is consistent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "atlas-dataset-private.h"
#include "atlas-loader.h"
#include "atlas-model.h"

#define DATASET_FILE TEST_DATADIR "/aleppo-2016-12-05.json"

static AtlasDataset *
load_bundled (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (DATASET_FILE);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (!g_file_test (DATASET_FILE, G_FILE_TEST_EXISTS))
    return NULL;

  dataset = atlas_dataset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

#define LOAD_OR_SKIP(dataset)                                      \
  G_STMT_START {                                                   \
    dataset = load_bundled ();                                     \
    if (dataset == NULL)                                           \
      {                                                            \
        g_test_skip ("the bundled dataset " DATASET_FILE           \
                     " does not exist yet");                       \
        return;                                                    \
      }                                                            \
  } G_STMT_END

static void
test_loads (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  double min_lat, min_lon, max_lat, max_lon;
  gint64 from, to;

  LOAD_OR_SKIP (dataset);

  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_actors (dataset)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_locations (dataset)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_sources (dataset)), >, 0);
  g_assert_nonnull (atlas_dataset_get_title (dataset));

  g_assert_true (atlas_dataset_get_time_range (dataset, &from, &to));
  g_assert_cmpint (from, <, to);
  g_assert_true (atlas_dataset_get_bounds (dataset, &min_lat, &min_lon, &max_lat, &max_lon));
  g_assert_cmpfloat (min_lat, <=, max_lat);
  g_assert_cmpfloat (min_lon, <=, max_lon);
  g_assert_cmpfloat (min_lat, >=, -90);
  g_assert_cmpfloat (max_lat, <=, 90);
}

static void
test_sorted (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  guint n;

  LOAD_OR_SKIP (dataset);

  n = atlas_dataset_get_n_events (dataset);
  for (guint i = 0; i < n; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);

      g_assert_cmpuint (atlas_event_get_index (event), ==, i);
      g_assert_true (atlas_dataset_lookup_event (dataset, atlas_event_get_id (event)) == event);
      if (i > 0)
        {
          AtlasEvent *prev = atlas_dataset_get_event (dataset, i - 1);

          g_assert_cmpint (atlas_event_get_start (prev), <=, atlas_event_get_start (event));
          if (atlas_event_get_start (prev) == atlas_event_get_start (event))
            g_assert_cmpint (atlas_event_get_end (prev), <=, atlas_event_get_end (event));
        }
    }
}

static void
test_excerpts (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  guint n, n_checked = 0;

  LOAD_OR_SKIP (dataset);

  n = atlas_dataset_get_n_events (dataset);
  for (guint i = 0; i < n; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      AtlasSource *source = atlas_event_get_source (event);
      const char *excerpt = atlas_event_get_excerpt (event);
      gint64 offset = atlas_event_get_excerpt_offset (event);
      g_autofree char *expected = NULL;
      g_autofree char *at_offset = NULL;
      const char *text;
      gssize byte;

      if (source == NULL || excerpt == NULL || atlas_source_get_text (source) == NULL)
        continue;

      g_assert_cmpint (offset, >=, 0);
      text = atlas_source_get_text (source);

      /* independent of the source's index: count code points from the start */
      at_offset = g_utf8_substring (text, (glong) offset,
                                    (glong) offset + g_utf8_strlen (excerpt, -1));
      g_assert_cmpstr (at_offset, ==, excerpt);

      byte = atlas_source_char_to_byte (source, (gsize) offset);
      g_assert_cmpint (byte, ==, g_utf8_offset_to_pointer (text, (glong) offset) - text);
      n_checked++;
    }

  g_test_message ("%u excerpts checked", n_checked);
  g_assert_cmpuint (n_checked, >, 0);
}

static void
test_references (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  GListModel *actors, *locations;
  guint n, total_actor_postings = 0;

  LOAD_OR_SKIP (dataset);

  actors = atlas_dataset_get_actors (dataset);
  locations = atlas_dataset_get_locations (dataset);
  n = atlas_dataset_get_n_events (dataset);

  for (guint i = 0; i < n; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, i);
      AtlasSource *source = atlas_event_get_source (event);

      g_assert_nonnull (atlas_event_get_title (event));
      for (guint j = 0; j < atlas_event_get_n_places (event); j++)
        {
          AtlasLocation *location = atlas_event_get_place (event, j, NULL);

          g_assert_true (atlas_dataset_lookup_location (dataset,
                                                        atlas_location_get_id (location))
                         == location);
        }
      for (guint j = 0; j < atlas_event_get_n_participants (event); j++)
        {
          AtlasActor *actor = atlas_event_get_participant (event, j, NULL);

          g_assert_true (atlas_dataset_lookup_actor (dataset, atlas_actor_get_id (actor))
                         == actor);
        }
      if (source != NULL)
        g_assert_true (atlas_dataset_lookup_source (dataset, atlas_source_get_id (source))
                       == source);
      if (atlas_event_get_attributed_to (event) != NULL)
        {
          AtlasActor *attributed_to = atlas_event_get_attributed_to (event);

          g_assert_true (atlas_dataset_lookup_actor (dataset, atlas_actor_get_id (attributed_to))
                         == attributed_to);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      AtlasActor *actor = atlas_dataset_get_actor (dataset, i);
      AtlasActor *affiliation = atlas_actor_get_affiliation (actor);
      const guint *events;
      guint n_events;

      g_assert_cmpuint (atlas_actor_get_index (actor), ==, i);
      if (affiliation != NULL)
        g_assert_true (atlas_dataset_lookup_actor (dataset, atlas_actor_get_id (affiliation))
                       == affiliation);

      events = atlas_dataset_get_actor_events (dataset, actor, &n_events);
      g_assert_cmpuint (n_events, ==, atlas_actor_get_n_events (actor));
      for (guint j = 0; j < n_events; j++)
        {
          g_assert_true (atlas_event_has_actor (atlas_dataset_get_event (dataset, events[j]),
                                                actor));
          if (j > 0)
            g_assert_cmpuint (events[j - 1], <, events[j]);
        }
      total_actor_postings += n_events;
    }
  g_assert_cmpuint (total_actor_postings, >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (locations); i++)
    {
      AtlasLocation *location = atlas_dataset_get_location (dataset, i);
      AtlasLocation *parent = atlas_location_get_parent (location);
      const guint *events;
      guint n_events;

      g_assert_cmpuint (atlas_location_get_index (location), ==, i);
      if (parent != NULL)
        g_assert_true (atlas_dataset_lookup_location (dataset, atlas_location_get_id (parent))
                       == parent);

      events = atlas_dataset_get_location_events (dataset, location, &n_events);
      g_assert_cmpuint (n_events, ==, atlas_location_get_n_events (location));
      for (guint j = 0; j < n_events; j++)
        g_assert_true (atlas_event_has_location (atlas_dataset_get_event (dataset, events[j]),
                                                 location));
    }
}

static void
test_dates_format (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;

  LOAD_OR_SKIP (dataset);

  for (guint i = 0; i < atlas_dataset_get_n_events (dataset); i++)
    {
      g_autofree char *date = atlas_event_format_date (atlas_dataset_get_event (dataset, i));

      g_assert_nonnull (date);
      g_assert_cmpuint (strlen (date), >, 0);
    }
}

static void
test_context (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasContext) context = NULL;

  LOAD_OR_SKIP (dataset);

  context = atlas_context_new ();
  atlas_context_set_dataset (context, dataset);
  g_assert_cmpuint (atlas_context_get_n_visible (context), ==,
                    atlas_dataset_get_n_events (dataset));
}

static void
count_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  (*(guint *) data)++;
}

static void
watch_model (GListModel *model,
             guint      *finalized)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_object_weak_ref (item, count_finalized, finalized);
    }
}

/* Dropping the dataset frees every event, actor, location and source in it. */
static void
test_frees_everything (void)
{
  AtlasDataset *dataset = load_bundled ();
  guint finalized = 0, total;

  if (dataset == NULL)
    {
      g_test_skip ("the bundled dataset does not exist yet");
      return;
    }

  total = g_list_model_get_n_items (atlas_dataset_get_events (dataset)) +
          g_list_model_get_n_items (atlas_dataset_get_actors (dataset)) +
          g_list_model_get_n_items (atlas_dataset_get_locations (dataset)) +
          g_list_model_get_n_items (atlas_dataset_get_sources (dataset));
  watch_model (atlas_dataset_get_events (dataset), &finalized);
  watch_model (atlas_dataset_get_actors (dataset), &finalized);
  watch_model (atlas_dataset_get_locations (dataset), &finalized);
  watch_model (atlas_dataset_get_sources (dataset), &finalized);

  g_assert_finalize_object (dataset);
  g_assert_cmpuint (finalized, ==, total);
}

/* A dataset big enough for the time index to be built on another thread while
 * the posting lists are: both give what the events say, one by one */
static void
test_big_index (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"event-atlas\", \"version\": 1,\n"
                                          " \"actors\": [{\"id\": \"a0\", \"name\": \"A\"},"
                                          " {\"id\": \"a1\", \"name\": \"B\"}],\n"
                                          " \"locations\": [{\"id\": \"l0\", \"name\": \"L\","
                                          " \"lat\": 36.2, \"lon\": 37.1}],\n"
                                          " \"events\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  const AtlasDatasetTimeIndex *index;
  AtlasActor *a0, *a1;
  guint n = 70000, n_a0 = 0, n_a1 = 0, n_dated = 0;

  for (guint i = 0; i < n; i++)
    {
      if (i % 1000 == 999)
        g_string_append_printf (json, "%s\n  {\"id\": \"e%05u\", \"title\": \"T\", "
                                "\"undated\": true}", i > 0 ? "," : "", i);
      else
        g_string_append_printf (json, "%s\n  {\"id\": \"e%05u\", \"title\": \"T\", "
                                "\"start\": \"%04u-%02u-%02u\", \"date_precision\": \"%s\", "
                                "\"participants\": [{\"actor\": \"a%u\"}%s]}",
                                i > 0 ? "," : "", i, 1990 + (i * 7) % 30, 1 + i % 12, 1 + i % 28,
                                i % 3 == 0 ? "month" : "day", i % 2,
                                i % 5 == 0 ? ", {\"actor\": \"a0\"}" : "");
    }
  g_string_append (json, "\n ]\n}\n");

  dataset = atlas_loader_load_data (json->str, json->len, "<big>", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_events (dataset), ==, n);

  index = atlas_dataset_get_time_index (dataset);
  for (guint e = 0; e < n; e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, e);
      gint64 from, to;

      if (atlas_event_is_undated (event))
        {
          g_assert_cmpuint (e, >=, index->n_dated);
          continue;
        }
      n_dated++;
      atlas_event_get_span (event, &from, &to);
      g_assert_cmpuint (e, <, index->n_dated);
      g_assert_cmpint (index->starts[e], ==, from);
      g_assert_cmpint (index->span_tos[e], ==, to);
      g_assert_cmpint (index->block_max[e / ATLAS_DATASET_TIME_BLOCK], >=, to);
      g_assert_cmpint (index->block_prefix_max[e / ATLAS_DATASET_TIME_BLOCK], >=, to);
    }
  g_assert_cmpuint (index->n_dated, ==, n_dated);
  g_assert_cmpuint (n_dated, ==, n - n / 1000);
  g_assert_cmpuint (index->n_blocks, ==, (n_dated + ATLAS_DATASET_TIME_BLOCK - 1)
                                         / ATLAS_DATASET_TIME_BLOCK);

  a0 = atlas_dataset_lookup_actor (dataset, "a0");
  a1 = atlas_dataset_lookup_actor (dataset, "a1");
  for (guint e = 0; e < n; e++)
    {
      AtlasEvent *event = atlas_dataset_get_event (dataset, e);

      n_a0 += atlas_event_has_actor (event, a0);
      n_a1 += atlas_event_has_actor (event, a1);
    }
  g_assert_cmpuint (atlas_actor_get_n_events (a0), ==, n_a0);
  g_assert_cmpuint (atlas_actor_get_n_events (a1), ==, n_a1);
  /* odd ones but the undated (70), and the even ones plus the odd multiples of 5 */
  g_assert_cmpuint (n_a1, ==, 34930);
  g_assert_cmpuint (n_a0, ==, 42000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dataset/bundled/loads", test_loads);
  g_test_add_func ("/dataset/bundled/sorted", test_sorted);
  g_test_add_func ("/dataset/bundled/excerpts", test_excerpts);
  g_test_add_func ("/dataset/bundled/references", test_references);
  g_test_add_func ("/dataset/bundled/dates", test_dates_format);
  g_test_add_func ("/dataset/bundled/context", test_context);
  g_test_add_func ("/dataset/bundled/frees-everything", test_frees_everything);
  g_test_add_func ("/dataset/index/big", test_big_index);

  return g_test_run ();
}
