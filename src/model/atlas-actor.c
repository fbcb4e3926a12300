/* atlas-actor.c — a person, state, group, vessel… that takes part in events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-actor-private.h"
#include "atlas-language.h"

G_DEFINE_FINAL_TYPE (AtlasActor, atlas_actor, G_TYPE_OBJECT)

static void
atlas_actor_dispose (GObject *object)
{
  AtlasActor *self = (AtlasActor *) object;

  g_clear_object (&self->affiliation);

  G_OBJECT_CLASS (atlas_actor_parent_class)->dispose (object);
}

static void
atlas_actor_finalize (GObject *object)
{
  AtlasActor *self = (AtlasActor *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_strfreev (self->aliases);

  G_OBJECT_CLASS (atlas_actor_parent_class)->finalize (object);
}

static void
atlas_actor_class_init (AtlasActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_actor_dispose;
  object_class->finalize = atlas_actor_finalize;
}

static void
atlas_actor_init (AtlasActor *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->aliases = g_new0 (char *, 1);
  self->kind = ATLAS_ACTOR_KIND_OTHER;
}

AtlasActor *
atlas_actor_new (void)
{
  return g_object_new (ATLAS_TYPE_ACTOR, NULL);
}

const char *
atlas_actor_get_id (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return self->id;
}

const char *
atlas_actor_get_name (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return self->name;
}

const char *
atlas_actor_get_name_for (AtlasActor *self,
                          const char *language)
{
  const char *name;

  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);

  if (language != NULL && (name = g_hash_table_lookup (self->names, language)) != NULL)
    return name;
  return self->name;
}

/* the name in the language of the user interface (see atlas_ui_language()) */
const char *
atlas_actor_get_display_name (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);

  return atlas_actor_get_name_for (self, atlas_ui_language ());
}

GHashTable *
atlas_actor_get_names (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return self->names;
}

const char * const *
atlas_actor_get_aliases (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return (const char * const *) self->aliases;
}

AtlasActorKind
atlas_actor_get_kind (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), ATLAS_ACTOR_KIND_OTHER);
  return self->kind;
}

AtlasActor *
atlas_actor_get_affiliation (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return self->affiliation;
}

const char *
atlas_actor_get_description (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), NULL);
  return self->description;
}

guint
atlas_actor_get_index (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), 0);
  return self->index;
}

guint
atlas_actor_get_n_events (AtlasActor *self)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), 0);
  return self->n_events;
}

gboolean
atlas_actor_is_member_of (AtlasActor *self,
                          AtlasActor *ancestor)
{
  g_return_val_if_fail (ATLAS_IS_ACTOR (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_ACTOR (ancestor), FALSE);

  for (AtlasActor *a = self; a != NULL; a = a->affiliation)
    {
      if (a == ancestor)
        return TRUE;
    }

  return FALSE;
}
