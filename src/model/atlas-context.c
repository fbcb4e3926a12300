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
#include "atlas-dataset-private.h"
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
  GArray         *spare;       /* the previous visible array, reused by the next recompute */
  guint64        *visible_bits;   /* the same as a bitset, built on demand, or NULL */
  GArray         *matching;       /* the filter alone, built on demand, or NULL */

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

/* first position in sorted @values[0 … n) whose value is >= @value (or > @value
 * with @after) */
static guint
bound_time (const gint64 *values,
            guint         n,
            gint64        value,
            gboolean      after)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (after ? values[mid] <= value : values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Sets in @bits the events that involve @actor (or, with @include_members, any
 * actor affiliated to it) using the dataset's posting lists. */
static void
mark_actor_events (AtlasDataset *dataset,
                   AtlasActor   *actor,
                   gboolean      include_members,
                   guint64      *bits)
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
        bits[events[i] / 64] |= G_GUINT64_CONSTANT (1) << (events[i] % 64);
    }
}

/* The one posting list the actor filter amounts to (a single actor, members not
 * included or it has none), or NULL */
static const guint *
single_posting_list (AtlasContext *self,
                     GPtrArray    *actors,
                     guint        *n)
{
  AtlasActor *actor;
  GListModel *model;
  guint n_actors;

  if (actors->len != 1)
    return NULL;

  actor = g_ptr_array_index (actors, 0);
  if (!owns_actor (self->dataset, actor))
    {
      static const guint none[1] = { 0 };

      *n = 0;
      return none;
    }

  if (atlas_filter_get_include_members (self->filter))
    {
      model = atlas_dataset_get_actors (self->dataset);
      n_actors = g_list_model_get_n_items (model);
      for (guint a = 0; a < n_actors; a++)
        {
          AtlasActor *other = atlas_dataset_get_actor (self->dataset, a);

          if (other != actor && atlas_actor_is_member_of (other, actor))
            return NULL;
        }
    }

  return atlas_dataset_get_actor_events (self->dataset, actor, n);
}

/* The events the actor filter lets through, as a bitset of n_events bits */
static guint64 *
actor_bits (AtlasContext *self,
            GPtrArray    *actors,
            gsize         n_words)
{
  gboolean match_all = atlas_filter_get_match_all (self->filter);
  gboolean include_members = atlas_filter_get_include_members (self->filter);
  guint64 *result = g_new0 (guint64, n_words);
  g_autofree guint64 *one = NULL;

  mark_actor_events (self->dataset, g_ptr_array_index (actors, 0), include_members, result);
  if (actors->len > 1)
    one = g_new (guint64, n_words);

  for (guint i = 1; i < actors->len; i++)
    {
      AtlasActor *actor = g_ptr_array_index (actors, i);

      if (!match_all)
        {
          mark_actor_events (self->dataset, actor, include_members, result);
          continue;
        }

      memset (one, 0, n_words * sizeof (guint64));
      mark_actor_events (self->dataset, actor, include_members, one);
      for (gsize w = 0; w < n_words; w++)
        result[w] &= one[w];
    }

  return result;
}

/* What the time criteria leave of the events, by index: dated events in
 * [scan, sure) if their span ends after @window_from, every dated event in
 * [sure, end), and every undated one from n_dated on. */
typedef struct
{
  const AtlasDatasetTimeIndex *index;
  gint64 window_from;
  guint  scan;
  guint  sure;
  guint  end;
  guint  n_events;
} TimeCut;

static void
cut_time (AtlasContext *self,
          gboolean      with_playhead,
          TimeCut      *cut)
{
  const AtlasDatasetTimeIndex *index = atlas_dataset_get_time_index (self->dataset);
  gint64 window_from, window_to;
  guint n_dated = index->n_dated;

  cut->index = index;
  cut->n_events = atlas_dataset_get_n_events (self->dataset);
  cut->end = n_dated;
  cut->scan = cut->sure = 0;

  atlas_filter_get_time_window (self->filter, &window_from, &window_to);
  cut->window_from = window_from;

  /* dated events are sorted by start: cut their tail by binary search */
  if (with_playhead && self->up_to_playhead && self->playhead != ATLAS_TIME_NONE)
    cut->end = MIN (cut->end, bound_time (index->starts, n_dated, self->playhead, TRUE));
  if (window_to != ATLAS_TIME_NONE)
    cut->end = MIN (cut->end, bound_time (index->starts, n_dated, window_to, FALSE));

  if (window_from != ATLAS_TIME_NONE)
    {
      guint lo = 0, hi = index->n_blocks;

      /* events starting at or after the window's start overlap it (their span is not
       * empty); before it, only blocks whose latest end is past it can hold one */
      cut->sure = index->spans_positive ? bound_time (index->starts, n_dated, window_from, FALSE)
                                        : cut->end;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (index->block_prefix_max[mid] <= window_from)
            lo = mid + 1;
          else
            hi = mid;
        }
      cut->scan = MIN ((gsize) lo * ATLAS_DATASET_TIME_BLOCK, n_dated);
    }

  cut->sure = MIN (cut->sure, cut->end);
  cut->scan = MIN (cut->scan, cut->sure);
}

static inline gboolean
span_reaches (const TimeCut *cut,
              guint          e)
{
  return cut->index->span_tos[e] > cut->window_from;
}

/* Appends to @out (sized for it) every event of [from, to) in @bits, or every
 * one when @bits is NULL, testing spans with @check; returns the new length */
static guint
emit_range (const TimeCut *cut,
            const guint64 *bits,
            guint          from,
            guint          to,
            gboolean       check,
            guint         *out,
            guint          n_out)
{
  guint e = from;

  if (bits == NULL && !check)
    {
      for (; e < to; e++)
        out[n_out++] = e;
      return n_out;
    }

  if (bits == NULL)
    {
      while (e < to)
        {
          guint block_end = MIN (to, (e / ATLAS_DATASET_TIME_BLOCK + 1) * ATLAS_DATASET_TIME_BLOCK);

          if (cut->index->block_max[e / ATLAS_DATASET_TIME_BLOCK] > cut->window_from)
            {
              for (; e < block_end; e++)
                if (span_reaches (cut, e))
                  out[n_out++] = e;
            }
          e = block_end;
        }
      return n_out;
    }

  while (e < to)
    {
      guint64 word = bits[e / 64] >> (e % 64);

      if (word == 0)
        {
          e = (e / 64 + 1) * 64;
          continue;
        }
      e += (guint) __builtin_ctzll (word);
      if (e >= to)
        break;
      if (!check || span_reaches (cut, e))
        out[n_out++] = e;
      e++;
    }

  return n_out;
}

/* the same as emit_range for a sorted list of candidate events */
static guint
emit_list (const TimeCut *cut,
           const guint   *list,
           guint          n_list,
           guint         *out)
{
  guint p0 = lower_bound (list, n_list, cut->scan);
  guint p1 = lower_bound (list, n_list, cut->sure);
  guint p2 = lower_bound (list, n_list, cut->end);
  guint p3 = lower_bound (list, n_list, cut->index->n_dated);
  guint n_out = 0;

  for (guint p = p0; p < p1; p++)
    if (span_reaches (cut, list[p]))
      out[n_out++] = list[p];
  /* (an empty array has no memory to copy to) */
  if (p2 > p1)
    memcpy (out + n_out, list + p1, (p2 - p1) * sizeof (guint));
  n_out += p2 - p1;
  if (n_list > p3)
    memcpy (out + n_out, list + p3, (n_list - p3) * sizeof (guint));
  n_out += n_list - p3;

  return n_out;
}

/* Fills @visible with the visible events: candidates from the actors' posting
 * lists and the time index, then the remaining per-event tests on those alone. */
static void
compute_visible (AtlasContext *self,
                 gboolean      with_playhead,
                 GArray       *visible)
{
  g_autoptr(GPtrArray) actors = atlas_filter_dup_actors (self->filter);
  TimeCut cut;
  guint *out;
  guint n_out = 0;

  cut_time (self, with_playhead, &cut);

  if (actors->len == 0)
    {
      g_array_set_size (visible, (cut.end - cut.scan) + (cut.n_events - cut.index->n_dated));
      out = (guint *) (void *) visible->data;
      n_out = emit_range (&cut, NULL, cut.scan, cut.sure, TRUE, out, n_out);
      n_out = emit_range (&cut, NULL, cut.sure, cut.end, FALSE, out, n_out);
      n_out = emit_range (&cut, NULL, cut.index->n_dated, cut.n_events, FALSE, out, n_out);
    }
  else
    {
      const guint *list;
      guint n_list = 0;

      list = single_posting_list (self, actors, &n_list);
      if (list != NULL)
        {
          g_array_set_size (visible, n_list);
          n_out = emit_list (&cut, list, n_list, (guint *) (void *) visible->data);
        }
      else
        {
          gsize n_words = (gsize) cut.n_events / 64 + 1;
          g_autofree guint64 *bits = actor_bits (self, actors, n_words);
          guint n_bits = 0;

          for (gsize w = 0; w < n_words; w++)
            n_bits += (guint) __builtin_popcountll (bits[w]);

          g_array_set_size (visible, n_bits);
          out = (guint *) (void *) visible->data;
          n_out = emit_range (&cut, bits, cut.scan, cut.sure, TRUE, out, n_out);
          n_out = emit_range (&cut, bits, cut.sure, cut.end, FALSE, out, n_out);
          n_out = emit_range (&cut, bits, cut.index->n_dated, cut.n_events, FALSE, out, n_out);
        }
    }

  if (atlas_filter_has_predicates (self->filter))
    {
      guint kept = 0;

      out = (guint *) (void *) visible->data;
      for (guint i = 0; i < n_out; i++)
        {
          if (atlas_filter_matches_predicates (self->filter,
                                               atlas_dataset_get_event (self->dataset, out[i])))
            out[kept++] = out[i];
        }
      n_out = kept;
    }

  g_array_set_size (visible, n_out);
}

static void
recompute (AtlasContext *self)
{
  GArray *visible = g_steal_pointer (&self->spare);
  guint old_n = self->visible->len;

  if (visible == NULL)
    visible = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (visible, 0);

  if (self->dataset != NULL)
    compute_visible (self, TRUE, visible);

  /* the previous array stays allocated for the next recompute (its contents are
   * valid only until this ::visible-changed, as documented) */
  self->spare = g_steal_pointer (&self->visible);
  self->visible = visible;
  g_clear_pointer (&self->visible_bits, g_free);
  g_clear_pointer (&self->matching, g_array_unref);

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
  g_clear_pointer (&self->spare, g_array_unref);
  g_clear_pointer (&self->visible_bits, g_free);
  g_clear_pointer (&self->matching, g_array_unref);

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

const guint *
atlas_context_get_matching (AtlasContext *self,
                            guint        *n_matching)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  if (self->dataset == NULL || !self->up_to_playhead || self->playhead == ATLAS_TIME_NONE)
    return atlas_context_get_visible (self, n_matching);

  if (self->matching == NULL)
    {
      self->matching = g_array_new (FALSE, FALSE, sizeof (guint));
      compute_visible (self, FALSE, self->matching);
    }

  if (n_matching != NULL)
    *n_matching = self->matching->len;
  return (const guint *) (void *) self->matching->data;
}

const guint64 *
atlas_context_get_visible_bits (AtlasContext *self)
{
  g_return_val_if_fail (ATLAS_IS_CONTEXT (self), NULL);

  if (self->dataset == NULL)
    return NULL;

  if (self->visible_bits == NULL)
    {
      gsize n_words = (atlas_dataset_get_n_events (self->dataset) + 63) / 64;
      const guint *visible = (const guint *) (void *) self->visible->data;

      self->visible_bits = g_new0 (guint64, MAX (n_words, 1));
      for (guint i = 0; i < self->visible->len; i++)
        self->visible_bits[visible[i] / 64] |= G_GUINT64_CONSTANT (1) << (visible[i] % 64);
    }

  return self->visible_bits;
}

/* how many of the sorted events @events are visible: O(@n), whatever the number
 * of visible events */
static guint
count_visible (AtlasContext *self,
               const guint  *events,
               guint         n)
{
  const guint64 *bits;
  guint count = 0;

  if (self->visible->len == atlas_dataset_get_n_events (self->dataset))
    return n;
  if (self->visible->len == 0)
    return 0;

  bits = atlas_context_get_visible_bits (self);
  for (guint i = 0; i < n; i++)
    count += (guint) (bits[events[i] / 64] >> (events[i] % 64)) & 1;

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
  return count_visible (self, events, n);
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
  return count_visible (self, events, n);
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
