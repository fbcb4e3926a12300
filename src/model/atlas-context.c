/* atlas-context.c — the one state every view observes: dataset, filter,
 * selection, playhead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <string.h>

#include "atlas-actor.h"
#include "atlas-context.h"
#include "atlas-dataset.h"
#include "atlas-event.h"
#include "atlas-filter-private.h"
#include "atlas-location.h"
#include "atlas-selection.h"
#include "atlas-time.h"

struct _AtlasContext
{
  GObject         parent_instance;

  AtlasDataset   *dataset;
  AtlasFilter    *filter;
  AtlasSelection *selection;
  GArray         *visible;     /* guint event indexes, ascending */

  gint64          playhead;

  guint           up_to_playhead : 1;
  guint           frozen : 1;  /* while a dataset is being set: recompute once at the end */
};

G_DEFINE_FINAL_TYPE (AtlasContext, atlas_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_FILTER,
  PROP_SELECTION,
  PROP_PLAYHEAD,
  PROP_UP_TO_PLAYHEAD,
  PROP_N_VISIBLE,
  N_PROPS
};

enum {
  VISIBLE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* first position in the visible array whose value is >= @value */
static guint
lower_bound (const guint *values,
             guint        n,
             guint        value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* number of dated events: the undated ones sort last */
static guint
count_dated (AtlasDataset *dataset)
{
  guint lo = 0, hi = atlas_dataset_get_n_events (dataset);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (!atlas_event_is_undated (atlas_dataset_get_event (dataset, mid)))
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* @e, or the first undated event when @e is a dated event at or past @end */
static guint
skip_hidden (guint e,
             guint end,
             guint n_dated)
{
  return e >= end && e < n_dated ? n_dated : e;
}

/* first event index whose start is > @instant (or >= with @inclusive FALSE),
 * among the @n_dated dated events */
static guint
events_starting_before (AtlasDataset *dataset,
                        guint         n_dated,
                        gint64        instant,
                        gboolean      inclusive)
{
  guint lo = 0, hi = n_dated;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 start = atlas_event_get_start (atlas_dataset_get_event (dataset, mid));

      if (inclusive ? start <= instant : start < instant)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
owns_actor (AtlasDataset *dataset,
            AtlasActor   *actor)
{
  GListModel *actors = atlas_dataset_get_actors (dataset);
  guint index = atlas_actor_get_index (actor);

  return index < g_list_model_get_n_items (actors)
         && atlas_dataset_get_actor (dataset, index) == actor;
}

static gboolean
owns_event (AtlasDataset *dataset,
            AtlasEvent   *event)
{
  guint index = atlas_event_get_index (event);

  return index < atlas_dataset_get_n_events (dataset)
         && atlas_dataset_get_event (dataset, index) == event;
}

/* Sets in @bits the events that involve @actor (or, with @include_members, any
 * actor affiliated to it) using the dataset's posting lists. */
static void
mark_actor_events (AtlasDataset *dataset,
                   AtlasActor   *actor,
                   gboolean      include_members,
                   guint8       *bits)
{
  GListModel *actors = atlas_dataset_get_actors (dataset);
  guint n_actors = g_list_model_get_n_items (actors);

  if (!owns_actor (dataset, actor))
    return;

  for (guint a = 0; a < n_actors; a++)
    {
      AtlasActor *member = atlas_dataset_get_actor (dataset, a);
      const guint *events;
      guint n;

      if (member != actor && !(include_members && atlas_actor_is_member_of (member, actor)))
        continue;

      events = atlas_dataset_get_actor_events (dataset, member, &n);
      for (guint i = 0; i < n; i++)
        bits[events[i] / 8] |= (guint8) (1u << (events[i] % 8));
    }
}

static void
recompute (AtlasContext *self)
{
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  guint old_n = self->visible->len;

  if (self->dataset != NULL)
    {
      g_autoptr(GPtrArray) actors = atlas_filter_dup_actors (self->filter);
      guint n_events = atlas_dataset_get_n_events (self->dataset);
      guint n_dated = count_dated (self->dataset);
      guint end = n_dated;
      gint64 window_to;

      /* dated events are sorted by start: cut their tail by binary search;
       * the undated ones after them stay whatever the playhead and window */
      if (self->up_to_playhead && self->playhead != ATLAS_TIME_NONE)
        end = MIN (end, events_starting_before (self->dataset, n_dated, self->playhead, TRUE));
      atlas_filter_get_time_window (self->filter, NULL, &window_to);
      if (window_to != ATLAS_TIME_NONE)
        end = MIN (end, events_starting_before (self->dataset, n_dated, window_to, FALSE));

      if (actors->len > 0)
        {
          gsize n_bytes = (gsize) n_events / 8 + 1;
          g_autofree guint8 *result = g_malloc0 (n_bytes);
          g_autofree guint8 *one = g_malloc0 (n_bytes);
          gboolean match_all = atlas_filter_get_match_all (self->filter);
          gboolean include_members = atlas_filter_get_include_members (self->filter);

          for (guint i = 0; i < actors->len; i++)
            {
              guint8 *target = i == 0 ? result : one;

              if (i > 0)
                memset (one, 0, n_bytes);
              mark_actor_events (self->dataset, g_ptr_array_index (actors, i), include_members,
                                 target);
              if (i == 0)
                continue;

              for (gsize b = 0; b < n_bytes; b++)
                result[b] = match_all ? (result[b] & one[b]) : (result[b] | one[b]);
            }

          for (guint e = skip_hidden (0, end, n_dated); e < n_events;
               e = skip_hidden (e + 1, end, n_dated))
            {
              if ((result[e / 8] & (1u << (e % 8))) != 0
                  && atlas_filter_matches_except_actors (self->filter,
                                                         atlas_dataset_get_event (self->dataset,
                                                                                  e)))
                g_array_append_val (visible, e);
            }
        }
      else
        {
          for (guint e = skip_hidden (0, end, n_dated); e < n_events;
               e = skip_hidden (e + 1, end, n_dated))
            {
              if (atlas_filter_matches_except_actors (self->filter,
                                                      atlas_dataset_get_event (self->dataset, e)))
                g_array_append_val (visible, e);
            }
        }
    }

  g_array_unref (self->visible);
  self->visible = g_steal_pointer (&visible);

  g_signal_emit (self, signals[VISIBLE_CHANGED], 0);
  if (old_n != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

static void
filter_changed_cb (AtlasContext *self,
                   AtlasFilter  *filter)
{
  if (!self->frozen)
    recompute (self);
}

static void
atlas_context_dispose (GObject *object)
{
  AtlasContext *self = (AtlasContext *) object;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_context_parent_class)->dispose (object);
}

static void
atlas_context_finalize (GObject *object)
{
  AtlasContext *self = (AtlasContext *) object;

  g_clear_pointer (&self->visible, g_array_unref);

  G_OBJECT_CLASS (atlas_context_parent_class)->finalize (object);
}

static void
atlas_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasContext *self = ATLAS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;
    case PROP_PLAYHEAD:
      g_value_set_int64 (value, self->playhead);
      break;
    case PROP_UP_TO_PLAYHEAD:
      g_value_set_boolean (value, self->up_to_playhead);
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasContext *self = ATLAS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_context_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_PLAYHEAD:
      atlas_context_set_playhead (self, g_value_get_int64 (value));
      break;
    case PROP_UP_TO_PLAYHEAD:
      atlas_context_set_up_to_playhead (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_context_class_init (AtlasContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_context_dispose;
  object_class->finalize = atlas_context_finalize;
  object_class->get_property = atlas_context_get_property;
  object_class->set_property = atlas_context_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         ATLAS_TYPE_FILTER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL,
                         ATLAS_TYPE_SELECTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL,
                        G_MININT64, G_MAXINT64, ATLAS_TIME_NONE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_UP_TO_PLAYHEAD] =
    g_param_spec_boolean ("up-to-playhead", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasContext::visible-changed:
   *
   * Emitted once each time the visible set has been recomputed.
   */
  signals[VISIBLE_CHANGED] =
    g_signal_new ("visible-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_context_init (AtlasContext *self)
{
  self->filter = atlas_filter_new ();
  self->selection = atlas_selection_new ();
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->playhead = ATLAS_TIME_NONE;

  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

AtlasContext *
atlas_context_new (void)
{
  return g_object_new (ATLAS_TYPE_CONTEXT, NULL);
}

void
atlas_context_set_dataset (AtlasContext *self,
                           AtlasDataset *dataset)
{
  gint64 playhead = ATLAS_TIME_NONE;

  g_return_if_fail (ATLAS_IS_CONTEXT (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->frozen = TRUE;

  g_set_object (&self->dataset, dataset);
  atlas_filter_reset (self->filter);
  atlas_selection_clear (self->selection);

  if (dataset != NULL)
    atlas_dataset_get_time_range (dataset, NULL, &playhead);
  if (self->playhead != playhead)
    {
      self->playhead = playhead;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
    }

  self->frozen = FALSE;
  recompute (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_thaw_notify (G_OBJECT (self));
}

AtlasDataset *
atlas_context_get_dataset (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);
  return self->dataset;
}

AtlasFilter *
atlas_context_get_filter (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);
  return self->filter;
}

AtlasSelection *
atlas_context_get_selection (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);
  return self->selection;
}

void
atlas_context_set_playhead (AtlasContext *self,
                            gint64        playhead)
{
  g_return_if_fail (ATLAS_IS_CONTEXT (self));

  if (self->playhead == playhead)
    return;

  self->playhead = playhead;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);

  if (self->up_to_playhead)
    recompute (self);
}

gint64
atlas_context_get_playhead (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), ATLAS_TIME_NONE);
  return self->playhead;
}

void
atlas_context_set_up_to_playhead (AtlasContext *self,
                                  gboolean      up_to)
{
  g_return_if_fail (ATLAS_IS_CONTEXT (self));

  up_to = !!up_to;
  if (self->up_to_playhead == (guint) up_to)
    return;

  self->up_to_playhead = up_to;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UP_TO_PLAYHEAD]);
  recompute (self);
}

gboolean
atlas_context_get_up_to_playhead (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);
  return self->up_to_playhead;
}

gboolean
atlas_context_is_visible (AtlasContext *self,
                          AtlasEvent   *event)
{
  guint index, pos;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  if (self->dataset == NULL || !owns_event (self->dataset, event))
    return FALSE;

  index = atlas_event_get_index (event);
  pos = lower_bound ((const guint *) (void *) self->visible->data, self->visible->len, index);
  return pos < self->visible->len && g_array_index (self->visible, guint, pos) == index;
}

gboolean
atlas_context_matches_filter (AtlasContext *self,
                              AtlasEvent   *event)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  return atlas_filter_matches (self->filter, event);
}

guint
atlas_context_get_n_visible (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0);
  return self->visible->len;
}

const guint *
atlas_context_get_visible (AtlasContext *self,
                           guint        *n_visible)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  if (n_visible != NULL)
    *n_visible = self->visible->len;
  return (const guint *) (void *) self->visible->data;
}

static guint
count_intersection (const guint *a,
                    guint        n_a,
                    const guint *b,
                    guint        n_b)
{
  guint i = 0, j = 0, count = 0;

  while (i < n_a && j < n_b)
    {
      if (a[i] < b[j])
        i++;
      else if (a[i] > b[j])
        j++;
      else
        {
          count++;
          i++;
          j++;
        }
    }

  return count;
}

guint
atlas_context_count_visible_for_actor (AtlasContext *self,
                                       AtlasActor   *actor)
{
  const guint *events;
  guint n;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), 0);

  if (self->dataset == NULL || !owns_actor (self->dataset, actor))
    return 0;

  events = atlas_dataset_get_actor_events (self->dataset, actor, &n);
  return count_intersection (events, n, (const guint *) (void *) self->visible->data,
                             self->visible->len);
}

guint
atlas_context_count_visible_for_location (AtlasContext  *self,
                                          AtlasLocation *location)
{
  GListModel *locations;
  const guint *events;
  guint index, n;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), 0);
  g_return_val_if_fail (ATLAS_IS_LOCATION (location), 0);

  if (self->dataset == NULL)
    return 0;

  locations = atlas_dataset_get_locations (self->dataset);
  index = atlas_location_get_index (location);
  if (index >= g_list_model_get_n_items (locations)
      || atlas_dataset_get_location (self->dataset, index) != location)
    return 0;

  events = atlas_dataset_get_location_events (self->dataset, location, &n);
  return count_intersection (events, n, (const guint *) (void *) self->visible->data,
                             self->visible->len);
}

static gboolean
select_visible_at (AtlasContext *self,
                   guint         pos)
{
  guint index = g_array_index (self->visible, guint, pos);

  atlas_selection_select_event (self->selection, atlas_dataset_get_event (self->dataset, index));
  return TRUE;
}

gboolean
atlas_context_select_next (AtlasContext *self)
{
  AtlasEvent *first;
  guint pos;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);

  if (self->dataset == NULL || self->visible->len == 0)
    return FALSE;

  first = atlas_selection_get_first (self->selection);
  if (first == NULL || !owns_event (self->dataset, first))
    return select_visible_at (self, 0);

  pos = lower_bound ((const guint *) (void *) self->visible->data, self->visible->len,
                     atlas_event_get_index (first) + 1);
  if (pos >= self->visible->len)
    return FALSE;

  return select_visible_at (self, pos);
}

gboolean
atlas_context_select_previous (AtlasContext *self)
{
  AtlasEvent *first;
  guint pos;

  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), FALSE);

  if (self->dataset == NULL || self->visible->len == 0)
    return FALSE;

  first = atlas_selection_get_first (self->selection);
  if (first == NULL || !owns_event (self->dataset, first))
    return select_visible_at (self, self->visible->len - 1);

  pos = lower_bound ((const guint *) (void *) self->visible->data, self->visible->len,
                     atlas_event_get_index (first));
  if (pos == 0)
    return FALSE;

  return select_visible_at (self, pos - 1);
}
