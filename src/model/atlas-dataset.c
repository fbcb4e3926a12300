/* atlas-dataset.c — an immutable, indexed set of events, actors, places, sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <string.h>

#include "atlas-actor-private.h"
#include "atlas-array-model.h"
#include "atlas-dataset-private.h"
#include "atlas-event-private.h"
#include "atlas-loader.h"
#include "atlas-location-private.h"
#include "atlas-source.h"
#include "atlas-time.h"

/* Posting lists in compressed-row form: the event indexes of item i are
 * values[offsets[i] .. offsets[i + 1]). */
typedef struct
{
  guint *offsets;
  guint *values;
} Postings;

struct _AtlasDataset
{
  GObject      parent_instance;

  GFile       *file;
  char        *title;
  char        *description;
  char        *language;

  GListModel  *events;        /* over event_array: no per-item node */
  GListStore  *actors;
  GListStore  *locations;
  GListStore  *sources;

  /* the same objects as the stores (a reference each), for O(1) indexing */
  GPtrArray   *event_array;
  GPtrArray   *actor_array;
  GPtrArray   *location_array;

  guint       *event_ids;     /* event indexes sorted by id, built on the first lookup */
  GHashTable  *actor_ids;
  GHashTable  *location_ids;
  GHashTable  *source_ids;

  Postings     actor_postings;
  Postings     location_postings;

  AtlasDatasetTimeIndex time_index;   /* its arrays owned */

  gint64       time_from;
  gint64       time_to;
  double       min_lat;
  double       min_lon;
  double       max_lat;
  double       max_lon;

  guint        has_time : 1;
  guint        has_bounds : 1;
};

G_DEFINE_FINAL_TYPE (AtlasDataset, atlas_dataset, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-dataset-error-quark, atlas_dataset_error)

static void
postings_clear (Postings *postings)
{
  g_clear_pointer (&postings->offsets, g_free);
  g_clear_pointer (&postings->values, g_free);
}

/* The sort keys of one event, copied out of it: comparing these does not chase
 * two pointers per comparison (the id is only read to break a tie) */
typedef struct
{
  gint64      start;   /* G_MAXINT64 for undated events: they go last */
  gint64      end;
  AtlasEvent *event;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortKey *ka = a;
  const SortKey *kb = b;

  if (ka->start != kb->start)
    return ka->start < kb->start ? -1 : 1;
  if (ka->end != kb->end)
    return ka->end < kb->end ? -1 : 1;
  return atlas_event_compare (ka->event, kb->event);
}

/* in the order atlas_event_compare gives */
static void
sort_events (GPtrArray *events)
{
  g_autofree SortKey *keys = g_new (SortKey, MAX (events->len, 1));

  for (guint i = 0; i < events->len; i++)
    {
      AtlasEvent *event = g_ptr_array_index (events, i);

      keys[i].start = event->undated ? G_MAXINT64 : event->start;
      keys[i].end = event->undated ? G_MAXINT64 : event->end;
      keys[i].event = event;
    }

  g_qsort_with_data (keys, (gint) events->len, sizeof (SortKey), compare_keys, NULL);

  for (guint i = 0; i < events->len; i++)
    events->pdata[i] = keys[i].event;
}

static gboolean
is_sorted (GPtrArray *events)
{
  for (guint i = 1; i < events->len; i++)
    {
      if (atlas_event_compare (g_ptr_array_index (events, i - 1),
                               g_ptr_array_index (events, i)) > 0)
        return FALSE;
    }

  return TRUE;
}

static GHashTable *
index_ids (GPtrArray  *array,
           const char *(*get_id) (gpointer item))
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < array->len; i++)
    {
      gpointer item = g_ptr_array_index (array, i);

      g_hash_table_insert (ids, (gpointer) get_id (item), item);
    }

  return ids;
}

static int
compare_event_ids (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GPtrArray *events = user_data;
  AtlasEvent *ea = g_ptr_array_index (events, *(const guint *) a);
  AtlasEvent *eb = g_ptr_array_index (events, *(const guint *) b);

  return strcmp (atlas_event_string (ea, ATLAS_EVENT_ID),
                 atlas_event_string (eb, ATLAS_EVENT_ID));
}

/* event indexes in id order: 4 bytes an event where a hash table takes ~30 */
static guint *
sort_event_ids (GPtrArray *events)
{
  guint *ids = g_new (guint, MAX (events->len, 1));

  for (guint i = 0; i < events->len; i++)
    ids[i] = i;
  g_qsort_with_data (ids, (gint) events->len, sizeof (guint), compare_event_ids, events);

  return ids;
}

static AtlasEvent *
lookup_event_id (AtlasDataset *self,
                 const char   *id)
{
  guint lo = 0, hi = self->event_array->len;

  /* sorting a million ids costs more than the rest of a cached reopen: only
   * when someone looks one up */
  if (g_once_init_enter (&self->event_ids))
    g_once_init_leave (&self->event_ids, sort_event_ids (self->event_array));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      AtlasEvent *event = g_ptr_array_index (self->event_array, self->event_ids[mid]);
      int cmp = strcmp (atlas_event_string (event, ATLAS_EVENT_ID), id);

      if (cmp == 0)
        return event;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static const char *
actor_id (gpointer item)
{
  return ((AtlasActor *) item)->id;
}

static const char *
location_id (gpointer item)
{
  return ((AtlasLocation *) item)->id;
}

static const char *
source_id (gpointer item)
{
  return atlas_source_get_id (item);
}

static GListStore *
store_from_array (GType      type,
                  GPtrArray *array)
{
  GListStore *store = g_list_store_new (type);

  g_list_store_splice (store, 0, 0, array->pdata, array->len);
  return store;
}

typedef struct
{
  guint item;
  guint event;
} Posting;

/* Turns (item, event) pairs, in event order, into compressed rows */
static void
postings_from_pairs (Postings      *postings,
                     const Posting *pairs,
                     gsize          n_pairs,
                     guint          n_items,
                     guint         *counts)
{
  g_autofree guint *fill = NULL;
  guint *offsets = g_new0 (guint, n_items + 1);
  guint *values = g_new (guint, MAX (n_pairs, 1));

  for (guint i = 0; i < n_items; i++)
    {
      counts[i] = 0;
      offsets[i + 1] = offsets[i];
    }
  for (gsize p = 0; p < n_pairs; p++)
    counts[pairs[p].item]++;
  for (guint i = 0; i < n_items; i++)
    offsets[i + 1] = offsets[i] + counts[i];

  fill = g_memdup2 (offsets, sizeof (guint) * n_items);
  for (gsize p = 0; p < n_pairs; p++)
    values[fill[pairs[p].item]++] = pairs[p].event;

  postings->offsets = offsets;
  postings->values = values;
}

/* The actors' and the locations' posting lists, in one pass over the events (each
 * event is read once: at a million events, reading them is what costs) */
static void
build_postings (AtlasDataset *self)
{
  guint n_actors = self->actor_array->len;
  guint n_locations = self->location_array->len;
  guint n_events = self->event_array->len;
  gsize n_participants = 0, n_places = 0, n_actor_pairs = 0, n_location_pairs = 0;
  g_autofree Posting *actor_pairs = NULL;
  g_autofree Posting *location_pairs = NULL;
  g_autofree guint *last_actor = g_new (guint, MAX (n_actors, 1));
  g_autofree guint *last_location = g_new (guint, MAX (n_locations, 1));
  g_autofree guint *counts = g_new (guint, MAX (MAX (n_actors, n_locations), 1));

  /* sized from the counts in the events (not their blocks): at a million
   * events, growing arrays cost a copy of tens of megabytes */
  for (guint e = 0; e < n_events; e++)
    {
      AtlasEvent *event = g_ptr_array_index (self->event_array, e);

      n_participants += event->n_participants;
      n_places += event->n_places;
    }
  actor_pairs = g_new (Posting, MAX (n_participants, 1));
  location_pairs = g_new (Posting, MAX (n_places, 1));

  /* an actor or a place named twice in one event counts once */
  memset (last_actor, 0xff, sizeof (guint) * MAX (n_actors, 1));
  memset (last_location, 0xff, sizeof (guint) * MAX (n_locations, 1));

  for (guint e = 0; e < n_events; e++)
    {
      AtlasEvent *event = g_ptr_array_index (self->event_array, e);

      for (guint i = 0; i < event->n_participants; i++)
        {
          Posting pair = { atlas_event_participant_actor (event, i)->index, e };

          if (last_actor[pair.item] != e)
            {
              last_actor[pair.item] = e;
              actor_pairs[n_actor_pairs++] = pair;
            }
        }
      for (guint i = 0; i < event->n_places; i++)
        {
          Posting pair = { atlas_event_place_location (event, i)->index, e };

          if (last_location[pair.item] != e)
            {
              last_location[pair.item] = e;
              location_pairs[n_location_pairs++] = pair;
            }
        }
    }

  postings_from_pairs (&self->actor_postings, actor_pairs, n_actor_pairs, n_actors, counts);
  for (guint a = 0; a < n_actors; a++)
    ((AtlasActor *) g_ptr_array_index (self->actor_array, a))->n_events = counts[a];

  postings_from_pairs (&self->location_postings, location_pairs, n_location_pairs, n_locations,
                       counts);
  for (guint l = 0; l < n_locations; l++)
    ((AtlasLocation *) g_ptr_array_index (self->location_array, l))->n_events = counts[l];
}

static void
build_time_index (AtlasDataset *self)
{
  AtlasDatasetTimeIndex *index = &self->time_index;
  guint n_dated = 0, n_blocks;
  gint64 *starts, *span_tos, *block_max, *block_prefix_max;
  gboolean spans_positive = TRUE;

  while (n_dated < self->event_array->len
         && !((AtlasEvent *) g_ptr_array_index (self->event_array, n_dated))->undated)
    n_dated++;

  n_blocks = (n_dated + ATLAS_DATASET_TIME_BLOCK - 1) / ATLAS_DATASET_TIME_BLOCK;
  starts = g_new (gint64, MAX (n_dated, 1));
  span_tos = g_new (gint64, MAX (n_dated, 1));
  block_max = g_new (gint64, MAX (n_blocks, 1));
  block_prefix_max = g_new (gint64, MAX (n_blocks, 1));

  for (guint e = 0; e < n_dated; e++)
    {
      AtlasEvent *event = g_ptr_array_index (self->event_array, e);
      guint b = e / ATLAS_DATASET_TIME_BLOCK;

      starts[e] = event->start;
      span_tos[e] = event->span_to;
      if (event->span_to <= event->start)
        spans_positive = FALSE;
      if (e % ATLAS_DATASET_TIME_BLOCK == 0 || event->span_to > block_max[b])
        block_max[b] = event->span_to;
    }

  for (guint b = 0; b < n_blocks; b++)
    block_prefix_max[b] = b == 0 ? block_max[0] : MAX (block_prefix_max[b - 1], block_max[b]);

  index->starts = starts;
  index->span_tos = span_tos;
  index->block_max = block_max;
  index->block_prefix_max = block_prefix_max;
  index->n_dated = n_dated;
  index->n_blocks = n_blocks;
  index->spans_positive = spans_positive;
}

#define PARALLEL_INDEX_MIN_EVENTS 65536

static gpointer
build_time_index_thread (gpointer data)
{
  build_time_index (data);
  return NULL;
}

static void
time_index_clear (AtlasDatasetTimeIndex *index)
{
  g_free ((gpointer) index->starts);
  g_free ((gpointer) index->span_tos);
  g_free ((gpointer) index->block_max);
  g_free ((gpointer) index->block_prefix_max);
  memset (index, 0, sizeof *index);
}

static void
extend_bounds (AtlasDataset *self,
               double        lat,
               double        lon)
{
  if (!self->has_bounds)
    {
      self->min_lat = self->max_lat = lat;
      self->min_lon = self->max_lon = lon;
      self->has_bounds = TRUE;
      return;
    }

  self->min_lat = MIN (self->min_lat, lat);
  self->max_lat = MAX (self->max_lat, lat);
  self->min_lon = MIN (self->min_lon, lon);
  self->max_lon = MAX (self->max_lon, lon);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_loader_load_file (file, cancellable, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

/* The progress of one load: shared by the task and each pending report */
typedef struct
{
  GFile                *file;
  GMainContext         *context;
  AtlasDatasetProgress  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_notify;
} ProgressLoad;

typedef struct
{
  ProgressLoad *load;   /* a reference */
  double        fraction;
} ProgressReport;

static void
progress_load_clear (gpointer data)
{
  ProgressLoad *load = data;

  g_clear_object (&load->file);
  g_clear_pointer (&load->context, g_main_context_unref);
  if (load->progress_notify != NULL)
    load->progress_notify (load->progress_data);
}

static void
progress_load_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_load_clear);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  report->load->progress (report->fraction, report->load->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  progress_load_unref (report->load);
  g_free (report);
}

/* in the loading thread */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ProgressLoad *load = user_data;
  ProgressReport *report = g_new (ProgressReport, 1);

  report->load = g_atomic_rc_box_acquire (load);
  report->fraction = fraction;
  g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT, progress_report_cb, report,
                              progress_report_free);
}

static void
load_progress_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ProgressLoad *load = task_data;
  GError *error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_loader_load_file_with_progress (load->file, progress_cb, load, cancellable,
                                                  &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

static void
atlas_dataset_dispose (GObject *object)
{
  AtlasDataset *self = (AtlasDataset *) object;

  g_clear_pointer (&self->actor_ids, g_hash_table_unref);
  g_clear_pointer (&self->location_ids, g_hash_table_unref);
  g_clear_pointer (&self->source_ids, g_hash_table_unref);
  g_clear_pointer (&self->event_array, g_ptr_array_unref);
  g_clear_pointer (&self->actor_array, g_ptr_array_unref);
  g_clear_pointer (&self->location_array, g_ptr_array_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->actors);
  g_clear_object (&self->locations);
  g_clear_object (&self->sources);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (atlas_dataset_parent_class)->dispose (object);
}

static void
atlas_dataset_finalize (GObject *object)
{
  AtlasDataset *self = (AtlasDataset *) object;

  g_free (self->title);
  g_free (self->description);
  g_free (self->language);
  g_free (self->event_ids);
  postings_clear (&self->actor_postings);
  postings_clear (&self->location_postings);
  time_index_clear (&self->time_index);

  G_OBJECT_CLASS (atlas_dataset_parent_class)->finalize (object);
}

static void
atlas_dataset_class_init (AtlasDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_dataset_dispose;
  object_class->finalize = atlas_dataset_finalize;
}

static void
atlas_dataset_init (AtlasDataset *self)
{
}

AtlasDataset *
atlas_dataset_new_internal (GFile      *file,
                            const char *title,
                            const char *description,
                            const char *language,
                            GPtrArray  *sources,
                            GPtrArray  *actors,
                            GPtrArray  *locations,
                            GPtrArray  *events)
{
  AtlasDataset *self = g_object_new (ATLAS_TYPE_DATASET, NULL);

  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->language = g_strdup (language);

  /* a reopened cache gives them in order already */
  if (!is_sorted (events))
    sort_events (events);

  for (guint i = 0; i < events->len; i++)
    {
      AtlasEvent *event = g_ptr_array_index (events, i);

      event->index = i;
      if (event->undated)
        continue;
      if (!self->has_time)
        {
          self->time_from = event->start;
          self->time_to = event->span_to;
          self->has_time = TRUE;
        }
      else
        {
          self->time_from = MIN (self->time_from, event->start);
          self->time_to = MAX (self->time_to, event->span_to);
        }
    }

  for (guint i = 0; i < actors->len; i++)
    ((AtlasActor *) g_ptr_array_index (actors, i))->index = i;

  for (guint i = 0; i < locations->len; i++)
    {
      AtlasLocation *location = g_ptr_array_index (locations, i);

      location->index = i;
      extend_bounds (self, location->latitude, location->longitude);
      for (guint j = 0; location->area != NULL && j < location->n_area_points; j++)
        extend_bounds (self, location->area[2 * j + 1], location->area[2 * j]);
    }

  self->events = G_LIST_MODEL (atlas_array_model_new (ATLAS_TYPE_EVENT, events));
  self->actors = store_from_array (ATLAS_TYPE_ACTOR, actors);
  self->locations = store_from_array (ATLAS_TYPE_LOCATION, locations);
  self->sources = store_from_array (ATLAS_TYPE_SOURCE, sources);

  self->actor_ids = index_ids (actors, actor_id);
  self->location_ids = index_ids (locations, location_id);
  self->source_ids = index_ids (sources, source_id);

  /* the arrays keep their references (the stores took their own): both are
   * released in dispose */
  self->event_array = events;
  self->actor_array = actors;
  self->location_array = locations;
  g_ptr_array_unref (sources);

  /* two passes over every event, each bound by memory: for many events, one
   * on another core */
  if (events->len >= PARALLEL_INDEX_MIN_EVENTS)
    {
      GThread *time_thread = g_thread_new ("atlas-time-index", build_time_index_thread, self);

      build_postings (self);
      g_thread_join (time_thread);
    }
  else
    {
      build_postings (self);
      build_time_index (self);
    }

  return self;
}

AtlasDataset *
atlas_dataset_new_from_file (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return atlas_loader_load_file (file, cancellable, error);
}

AtlasDataset *
atlas_dataset_new_from_bytes (GBytes      *bytes,
                              const char  *display_name,
                              GError     **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return atlas_loader_load_data (data != NULL ? data : "", length,
                                 display_name != NULL ? display_name : "<data>",
                                 NULL, NULL, error);
}

void
atlas_dataset_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

void
atlas_dataset_load_with_progress_async (GFile                *file,
                                        AtlasDatasetProgress  progress,
                                        gpointer              progress_data,
                                        GDestroyNotify        progress_notify,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ProgressLoad *load;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (progress != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load = g_atomic_rc_box_new0 (ProgressLoad);
  load->file = g_object_ref (file);
  load->context = g_main_context_ref_thread_default ();
  load->progress = progress;
  load->progress_data = progress_data;
  load->progress_notify = progress_notify;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_async);
  g_task_set_task_data (task, load, progress_load_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_progress_thread);
}

AtlasDataset *
atlas_dataset_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_dataset_load_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
atlas_dataset_get_file (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return self->file;
}

const char *
atlas_dataset_get_title (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return self->title;
}

const char *
atlas_dataset_get_description (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return self->description;
}

const char *
atlas_dataset_get_language (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return self->language;
}

GListModel *
atlas_dataset_get_events (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->events);
}

GListModel *
atlas_dataset_get_actors (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->actors);
}

GListModel *
atlas_dataset_get_locations (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->locations);
}

GListModel *
atlas_dataset_get_sources (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return G_LIST_MODEL (self->sources);
}

guint
atlas_dataset_get_n_events (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), 0);
  return self->event_array->len;
}

AtlasEvent *
atlas_dataset_get_event (AtlasDataset *self,
                         guint         index)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->event_array->len, NULL);
  return g_ptr_array_index (self->event_array, index);
}

AtlasActor *
atlas_dataset_get_actor (AtlasDataset *self,
                         guint         index)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->actor_array->len, NULL);
  return g_ptr_array_index (self->actor_array, index);
}

AtlasLocation *
atlas_dataset_get_location (AtlasDataset *self,
                            guint         index)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->location_array->len, NULL);
  return g_ptr_array_index (self->location_array, index);
}

AtlasEvent *
atlas_dataset_lookup_event (AtlasDataset *self,
                            const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return lookup_event_id (self, id);
}

AtlasActor *
atlas_dataset_lookup_actor (AtlasDataset *self,
                            const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->actor_ids, id);
}

AtlasLocation *
atlas_dataset_lookup_location (AtlasDataset *self,
                               const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->location_ids, id);
}

AtlasSource *
atlas_dataset_lookup_source (AtlasDataset *self,
                             const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->source_ids, id);
}

gboolean
atlas_dataset_get_time_range (AtlasDataset *self,
                              gint64       *from,
                              gint64       *to)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  if (from != NULL)
    *from = self->has_time ? self->time_from : ATLAS_TIME_NONE;
  if (to != NULL)
    *to = self->has_time ? self->time_to : ATLAS_TIME_NONE;
  return self->has_time;
}

gboolean
atlas_dataset_get_bounds (AtlasDataset *self,
                          double       *min_lat,
                          double       *min_lon,
                          double       *max_lat,
                          double       *max_lon)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  if (min_lat != NULL)
    *min_lat = self->min_lat;
  if (min_lon != NULL)
    *min_lon = self->min_lon;
  if (max_lat != NULL)
    *max_lat = self->max_lat;
  if (max_lon != NULL)
    *max_lon = self->max_lon;
  return self->has_bounds;
}

const guint *
atlas_dataset_get_actor_events (AtlasDataset *self,
                                AtlasActor   *actor,
                                guint        *n_events)
{
  guint i;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), NULL);
  g_return_val_if_fail (n_events != NULL, NULL);

  i = actor->index;
  if (i >= self->actor_array->len || g_ptr_array_index (self->actor_array, i) != actor)
    {
      g_critical ("%s: actor %s is not in this dataset", G_STRFUNC, actor->id);
      *n_events = 0;
      return NULL;
    }

  *n_events = self->actor_postings.offsets[i + 1] - self->actor_postings.offsets[i];
  return self->actor_postings.values + self->actor_postings.offsets[i];
}

const guint *
atlas_dataset_get_location_events (AtlasDataset  *self,
                                   AtlasLocation *location,
                                   guint         *n_events)
{
  guint i;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), NULL);
  g_return_val_if_fail (n_events != NULL, NULL);

  i = location->index;
  if (i >= self->location_array->len || g_ptr_array_index (self->location_array, i) != location)
    {
      g_critical ("%s: location %s is not in this dataset", G_STRFUNC, location->id);
      *n_events = 0;
      return NULL;
    }

  *n_events = self->location_postings.offsets[i + 1] - self->location_postings.offsets[i];
  return self->location_postings.values + self->location_postings.offsets[i];
}

const AtlasDatasetTimeIndex *
atlas_dataset_get_time_index (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  return &self->time_index;
}
