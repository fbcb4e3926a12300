/* atlas-selection.c — the events the user has selected, shared by every view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-event.h"
#include "atlas-selection.h"

struct _AtlasSelection
{
  GObject    parent_instance;

  GPtrArray *events;   /* owned references, sorted by event index */
};

static void atlas_selection_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtlasSelection, atlas_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      atlas_selection_list_model_init))

enum {
  PROP_0,
  PROP_N_EVENTS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  guint ia = atlas_event_get_index (*(AtlasEvent * const *) a);
  guint ib = atlas_event_get_index (*(AtlasEvent * const *) b);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/* Takes @events (sorted, unique, owning) as the new selection. */
static void
replace (AtlasSelection *self,
         GPtrArray      *events)
{
  g_autoptr(GPtrArray) old = self->events;
  gboolean same = old->len == events->len;

  for (guint i = 0; same && i < old->len; i++)
    same = g_ptr_array_index (old, i) == g_ptr_array_index (events, i);

  if (same)
    {
      self->events = g_steal_pointer (&old);
      g_ptr_array_unref (events);
      return;
    }

  self->events = events;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, events->len);
  if (old->len != events->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GType
atlas_selection_get_item_type (GListModel *model)
{
  return ATLAS_TYPE_EVENT;
}

static guint
atlas_selection_get_n_items (GListModel *model)
{
  return ATLAS_SELECTION (model)->events->len;
}

static gpointer
atlas_selection_get_item (GListModel *model,
                          guint       position)
{
  AtlasSelection *self = ATLAS_SELECTION (model);

  if (position >= self->events->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->events, position));
}

static void
atlas_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = atlas_selection_get_item_type;
  iface->get_n_items = atlas_selection_get_n_items;
  iface->get_item = atlas_selection_get_item;
}

static void
atlas_selection_finalize (GObject *object)
{
  AtlasSelection *self = (AtlasSelection *) object;

  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_selection_parent_class)->finalize (object);
}

static void
atlas_selection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtlasSelection *self = ATLAS_SELECTION (object);

  switch (prop_id)
    {
    case PROP_N_EVENTS:
      g_value_set_uint (value, self->events->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_selection_class_init (AtlasSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_selection_finalize;
  object_class->get_property = atlas_selection_get_property;

  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasSelection::changed:
   *
   * Emitted after every change, once items-changed has been emitted.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_selection_init (AtlasSelection *self)
{
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
}

AtlasSelection *
atlas_selection_new (void)
{
  return g_object_new (ATLAS_TYPE_SELECTION, NULL);
}

void
atlas_selection_clear (AtlasSelection *self)
{
  g_return_if_fail (ATLAS_IS_SELECTION (self));

  replace (self, g_ptr_array_new_with_free_func (g_object_unref));
}

void
atlas_selection_select_event (AtlasSelection *self,
                              AtlasEvent     *event)
{
  g_return_if_fail (ATLAS_IS_SELECTION (self));
  g_return_if_fail (event == NULL || ATLAS_IS_EVENT (event));

  atlas_selection_select_events (self, event != NULL ? &event : NULL, event != NULL ? 1 : 0);
}

void
atlas_selection_select_events (AtlasSelection  *self,
                               AtlasEvent     **events,
                               guint            n_events)
{
  GPtrArray *sorted;

  g_return_if_fail (ATLAS_IS_SELECTION (self));
  g_return_if_fail (events != NULL || n_events == 0);

  for (guint i = 0; i < n_events; i++)
    g_return_if_fail (ATLAS_IS_EVENT (events[i]));

  sorted = g_ptr_array_new_full (n_events, g_object_unref);
  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (sorted, g_object_ref (events[i]));

  g_ptr_array_sort (sorted, compare_events);

  /* drop duplicates */
  for (guint i = 1; i < sorted->len;)
    {
      if (g_ptr_array_index (sorted, i) == g_ptr_array_index (sorted, i - 1))
        g_ptr_array_remove_index (sorted, i);
      else
        i++;
    }

  replace (self, sorted);
}

void
atlas_selection_toggle_event (AtlasSelection *self,
                              AtlasEvent     *event)
{
  GPtrArray *events;
  gboolean found = FALSE;

  g_return_if_fail (ATLAS_IS_SELECTION (self));
  g_return_if_fail (ATLAS_IS_EVENT (event));

  events = g_ptr_array_new_full (self->events->len + 1, g_object_unref);
  for (guint i = 0; i < self->events->len; i++)
    {
      AtlasEvent *e = g_ptr_array_index (self->events, i);

      if (e == event)
        found = TRUE;
      else
        g_ptr_array_add (events, g_object_ref (e));
    }

  if (!found)
    {
      g_ptr_array_add (events, g_object_ref (event));
      g_ptr_array_sort (events, compare_events);
    }

  replace (self, events);
}

gboolean
atlas_selection_contains (AtlasSelection *self,
                          AtlasEvent     *event)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), FALSE);

  return g_ptr_array_find (self->events, event, NULL);
}

guint
atlas_selection_get_n_events (AtlasSelection *self)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), 0);
  return self->events->len;
}

AtlasEvent *
atlas_selection_get_event (AtlasSelection *self,
                           guint           i)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), NULL);
  g_return_val_if_fail (i < self->events->len, NULL);

  return g_ptr_array_index (self->events, i);
}

AtlasEvent *
atlas_selection_get_first (AtlasSelection *self)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), NULL);

  return self->events->len > 0 ? g_ptr_array_index (self->events, 0) : NULL;
}

gboolean
atlas_selection_involves_actor (AtlasSelection *self,
                                AtlasActor     *actor)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      if (atlas_event_has_actor (g_ptr_array_index (self->events, i), actor))
        return TRUE;
    }

  return FALSE;
}

gboolean
atlas_selection_involves_location (AtlasSelection *self,
                                   AtlasLocation  *location)
{
  g_return_val_if_fail (ATLAS_IS_SELECTION (self), FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      if (atlas_event_has_location (g_ptr_array_index (self->events, i), location))
        return TRUE;
    }

  return FALSE;
}
