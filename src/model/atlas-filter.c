/* atlas-filter.c — what the user asked to see: actors, categories, text, a time window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <string.h>

#include "atlas-actor.h"
#include "atlas-event.h"
#include "atlas-filter-private.h"
#include "atlas-time.h"

struct _AtlasFilter
{
  GObject     parent_instance;

  GPtrArray  *actors;       /* owned references, in the order they were activated */
  AtlasActor *claimant;     /* owned; only events this actor claims, or NULL */
  GHashTable *categories;   /* interned strings */
  char       *search;
  char       *folded_search;
  gint64      window_from;
  gint64      window_to;

  guint       match_all : 1;
  guint       include_members : 1;
};

G_DEFINE_FINAL_TYPE (AtlasFilter, atlas_filter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_MATCH_ALL,
  PROP_INCLUDE_MEMBERS,
  PROP_CLAIMANT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (AtlasFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
event_involves (AtlasFilter *self,
                AtlasEvent  *event,
                AtlasActor  *actor)
{
  guint n = atlas_event_get_n_participants (event);

  for (guint i = 0; i < n; i++)
    {
      AtlasActor *participant = atlas_event_get_participant (event, i, NULL);

      if (participant == actor
          || (self->include_members && atlas_actor_is_member_of (participant, actor)))
        return TRUE;
    }

  return FALSE;
}

/* An event is claimed by the actor it is attributed to and by its speakers. */
static gboolean
event_is_claimed_by (AtlasFilter *self,
                     AtlasEvent  *event,
                     AtlasActor  *claimant)
{
  AtlasActor *attributed = atlas_event_get_attributed_to (event);
  guint n = atlas_event_get_n_participants (event);

  if (attributed != NULL
      && (attributed == claimant
          || (self->include_members && atlas_actor_is_member_of (attributed, claimant))))
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      AtlasParticipantRole role;
      AtlasActor *participant = atlas_event_get_participant (event, i, &role);

      if (role == ATLAS_PARTICIPANT_ROLE_SPEAKER
          && (participant == claimant
              || (self->include_members && atlas_actor_is_member_of (participant, claimant))))
        return TRUE;
    }

  return FALSE;
}

static void
atlas_filter_dispose (GObject *object)
{
  AtlasFilter *self = (AtlasFilter *) object;

  if (self->actors != NULL)
    g_ptr_array_set_size (self->actors, 0);
  g_clear_object (&self->claimant);

  G_OBJECT_CLASS (atlas_filter_parent_class)->dispose (object);
}

static void
atlas_filter_finalize (GObject *object)
{
  AtlasFilter *self = (AtlasFilter *) object;

  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_free (self->search);
  g_free (self->folded_search);

  G_OBJECT_CLASS (atlas_filter_parent_class)->finalize (object);
}

static void
atlas_filter_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasFilter *self = ATLAS_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_MATCH_ALL:
      g_value_set_boolean (value, self->match_all);
      break;
    case PROP_INCLUDE_MEMBERS:
      g_value_set_boolean (value, self->include_members);
      break;
    case PROP_CLAIMANT:
      g_value_set_object (value, self->claimant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_filter_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasFilter *self = ATLAS_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      atlas_filter_set_search (self, g_value_get_string (value));
      break;
    case PROP_MATCH_ALL:
      atlas_filter_set_match_all (self, g_value_get_boolean (value));
      break;
    case PROP_INCLUDE_MEMBERS:
      atlas_filter_set_include_members (self, g_value_get_boolean (value));
      break;
    case PROP_CLAIMANT:
      atlas_filter_set_claimant (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_filter_class_init (AtlasFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_filter_dispose;
  object_class->finalize = atlas_filter_finalize;
  object_class->get_property = atlas_filter_get_property;
  object_class->set_property = atlas_filter_set_property;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_MATCH_ALL] =
    g_param_spec_boolean ("match-all", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_INCLUDE_MEMBERS] =
    g_param_spec_boolean ("include-members", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CLAIMANT] =
    g_param_spec_object ("claimant", NULL, NULL,
                         ATLAS_TYPE_ACTOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasFilter::changed:
   *
   * Emitted once per change of what the filter matches.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_filter_init (AtlasFilter *self)
{
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->categories = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->window_from = ATLAS_TIME_NONE;
  self->window_to = ATLAS_TIME_NONE;
}

AtlasFilter *
atlas_filter_new (void)
{
  return g_object_new (ATLAS_TYPE_FILTER, NULL);
}

void
atlas_filter_set_actor_active (AtlasFilter *self,
                               AtlasActor  *actor,
                               gboolean     active)
{
  guint index;
  gboolean found;

  g_return_if_fail (ATLAS_IS_FILTER (self));
  g_return_if_fail (ATLAS_IS_ACTOR (actor));

  found = g_ptr_array_find (self->actors, actor, &index);
  if (!!active == found)
    return;

  if (active)
    g_ptr_array_add (self->actors, g_object_ref (actor));
  else
    g_ptr_array_remove_index (self->actors, index);

  emit_changed (self);
}

gboolean
atlas_filter_get_actor_active (AtlasFilter *self,
                               AtlasActor  *actor)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_ACTOR (actor), FALSE);

  return g_ptr_array_find (self->actors, actor, NULL);
}

void
atlas_filter_set_only_actor (AtlasFilter *self,
                             AtlasActor  *actor)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));
  g_return_if_fail (actor == NULL || ATLAS_IS_ACTOR (actor));

  if (actor == NULL && self->actors->len == 0)
    return;
  if (actor != NULL && self->actors->len == 1 && g_ptr_array_index (self->actors, 0) == actor)
    return;

  g_ptr_array_set_size (self->actors, 0);
  if (actor != NULL)
    g_ptr_array_add (self->actors, g_object_ref (actor));

  emit_changed (self);
}

guint
atlas_filter_get_n_actors (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), 0);
  return self->actors->len;
}

GPtrArray *
atlas_filter_dup_actors (AtlasFilter *self)
{
  GPtrArray *actors;

  g_return_val_if_fail (ATLAS_IS_FILTER (self), NULL);

  actors = g_ptr_array_new_full (self->actors->len, NULL);
  for (guint i = 0; i < self->actors->len; i++)
    g_ptr_array_add (actors, g_ptr_array_index (self->actors, i));
  return actors;
}

void
atlas_filter_set_match_all (AtlasFilter *self,
                            gboolean     match_all)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  match_all = !!match_all;
  if (self->match_all == (guint) match_all)
    return;

  self->match_all = match_all;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_ALL]);
  if (self->actors->len > 1)
    emit_changed (self);
}

gboolean
atlas_filter_get_match_all (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  return self->match_all;
}

void
atlas_filter_set_include_members (AtlasFilter *self,
                                  gboolean     include_members)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  include_members = !!include_members;
  if (self->include_members == (guint) include_members)
    return;

  self->include_members = include_members;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_MEMBERS]);
  if (self->actors->len > 0 || self->claimant != NULL)
    emit_changed (self);
}

gboolean
atlas_filter_get_include_members (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  return self->include_members;
}

void
atlas_filter_set_claimant (AtlasFilter *self,
                           AtlasActor  *claimant)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));
  g_return_if_fail (claimant == NULL || ATLAS_IS_ACTOR (claimant));

  if (!g_set_object (&self->claimant, claimant))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIMANT]);
  emit_changed (self);
}

AtlasActor *
atlas_filter_get_claimant (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), NULL);
  return self->claimant;
}

void
atlas_filter_set_category_active (AtlasFilter *self,
                                  const char  *category,
                                  gboolean     active)
{
  const char *interned;
  gboolean found;

  g_return_if_fail (ATLAS_IS_FILTER (self));
  g_return_if_fail (category != NULL);

  interned = g_intern_string (category);
  found = g_hash_table_contains (self->categories, interned);
  if (!!active == found)
    return;

  if (active)
    g_hash_table_add (self->categories, (gpointer) interned);
  else
    g_hash_table_remove (self->categories, interned);

  emit_changed (self);
}

gboolean
atlas_filter_get_category_active (AtlasFilter *self,
                                  const char  *category)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  return g_hash_table_contains (self->categories, g_intern_string (category));
}

void
atlas_filter_set_search (AtlasFilter *self,
                         const char  *text)
{
  g_autofree char *folded = NULL;
  gboolean matches_changed;

  g_return_if_fail (ATLAS_IS_FILTER (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->search, text) == 0)
    return;

  if (text != NULL)
    {
      folded = atlas_event_fold_text (text);
      g_strstrip (folded);
      if (*folded == '\0')
        g_clear_pointer (&folded, g_free);
    }

  matches_changed = g_strcmp0 (folded, self->folded_search) != 0;

  g_free (self->search);
  self->search = g_strdup (text);
  g_free (self->folded_search);
  self->folded_search = g_steal_pointer (&folded);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (matches_changed)
    emit_changed (self);
}

const char *
atlas_filter_get_search (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), NULL);
  return self->search;
}

void
atlas_filter_set_time_window (AtlasFilter *self,
                              gint64       from,
                              gint64       to)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  if (self->window_from == from && self->window_to == to)
    return;

  self->window_from = from;
  self->window_to = to;
  emit_changed (self);
}

void
atlas_filter_get_time_window (AtlasFilter *self,
                              gint64      *from,
                              gint64      *to)
{
  g_return_if_fail (ATLAS_IS_FILTER (self));

  if (from != NULL)
    *from = self->window_from;
  if (to != NULL)
    *to = self->window_to;
}

void
atlas_filter_reset (AtlasFilter *self)
{
  gboolean had_search;
  gboolean had_claimant;

  g_return_if_fail (ATLAS_IS_FILTER (self));

  if (atlas_filter_is_empty (self) && self->search == NULL)
    return;

  had_search = self->search != NULL;
  had_claimant = self->claimant != NULL;
  g_clear_object (&self->claimant);

  g_ptr_array_set_size (self->actors, 0);
  g_hash_table_remove_all (self->categories);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->folded_search, g_free);
  self->window_from = ATLAS_TIME_NONE;
  self->window_to = ATLAS_TIME_NONE;

  if (had_search)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (had_claimant)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIMANT]);
  emit_changed (self);
}

gboolean
atlas_filter_is_empty (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), TRUE);

  return self->actors->len == 0
         && self->claimant == NULL
         && g_hash_table_size (self->categories) == 0
         && self->folded_search == NULL
         && self->window_from == ATLAS_TIME_NONE
         && self->window_to == ATLAS_TIME_NONE;
}

gboolean
atlas_filter_has_predicates (AtlasFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);

  return g_hash_table_size (self->categories) > 0
         || self->folded_search != NULL
         || self->claimant != NULL;
}

gboolean
atlas_filter_matches_predicates (AtlasFilter *self,
                                 AtlasEvent  *event)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  if (g_hash_table_size (self->categories) > 0)
    {
      const char *category = atlas_event_get_category (event);

      if (category == NULL || !g_hash_table_contains (self->categories, category))
        return FALSE;
    }

  if (self->folded_search != NULL && !atlas_event_matches_search (event, self->folded_search))
    return FALSE;

  if (self->claimant != NULL && !event_is_claimed_by (self, event, self->claimant))
    return FALSE;

  return TRUE;
}

gboolean
atlas_filter_matches_except_actors (AtlasFilter *self,
                                    AtlasEvent  *event)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  /* an undated event has no time a window could exclude */
  if ((self->window_from != ATLAS_TIME_NONE || self->window_to != ATLAS_TIME_NONE)
      && !atlas_event_is_undated (event))
    {
      gint64 from, to;

      atlas_event_get_span (event, &from, &to);
      if (self->window_to != ATLAS_TIME_NONE && from >= self->window_to)
        return FALSE;
      if (self->window_from != ATLAS_TIME_NONE && to <= self->window_from)
        return FALSE;
    }

  return atlas_filter_matches_predicates (self, event);
}

gboolean
atlas_filter_matches (AtlasFilter *self,
                      AtlasEvent  *event)
{
  g_return_val_if_fail (ATLAS_IS_FILTER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  if (self->actors->len > 0)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->actors->len; i++)
        {
          gboolean involved = event_involves (self, event, g_ptr_array_index (self->actors, i));

          if (involved)
            any = TRUE;
          else if (self->match_all)
            return FALSE;
        }

      if (!any)
        return FALSE;
    }

  return atlas_filter_matches_except_actors (self, event);
}
