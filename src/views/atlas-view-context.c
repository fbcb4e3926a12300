/* atlas-view-context.c — a view's signal handlers on the shared context, moved as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas"

#include "config.h"

#include "atlas-view-context.h"

static gpointer
source_object (AtlasContext          *context,
               AtlasViewSignalSource  source)
{
  switch (source)
    {
    case ATLAS_VIEW_ON_FILTER:
      return atlas_context_get_filter (context);
    case ATLAS_VIEW_ON_SELECTION:
      return atlas_context_get_selection (context);
    case ATLAS_VIEW_ON_CONTEXT:
    default:
      return context;
    }
}

gboolean
atlas_view_context_swap (gpointer                 view,
                         AtlasContext           **slot,
                         AtlasContext            *context,
                         const AtlasViewHandler  *handlers,
                         guint                    n_handlers)
{
  g_return_val_if_fail (G_IS_OBJECT (view), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (context == NULL || ATLAS_IS_CONTEXT (context), FALSE);

  if (*slot == context)
    return FALSE;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, view);
      g_signal_handlers_disconnect_by_data (atlas_context_get_filter (*slot), view);
      g_signal_handlers_disconnect_by_data (atlas_context_get_selection (*slot), view);
    }

  g_set_object (slot, context);

  for (guint i = 0; context != NULL && i < n_handlers; i++)
    g_signal_connect_swapped (source_object (context, handlers[i].source), handlers[i].signal,
                              handlers[i].callback, view);

  return TRUE;
}
