/* atlas-view-context.h — a view's signal handlers on the shared context, moved as one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every view observes the same AtlasContext: the context itself, its filter and its
 * selection.  A view lists its handlers once; atlas_view_context_swap() disconnects them
 * from the old context and connects them to the new one.
 */

#pragma once

#include <glib-object.h>

#include "atlas-model.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_VIEW_ON_CONTEXT,
  ATLAS_VIEW_ON_FILTER,
  ATLAS_VIEW_ON_SELECTION,
} AtlasViewSignalSource;

typedef struct
{
  AtlasViewSignalSource  source;
  const char            *signal;
  GCallback              callback;   /* called with @view first (swapped) */
} AtlasViewHandler;

/* Sets *@slot (a view's owned reference) to @context, disconnecting every handler of
 * @view from the old context, its filter and its selection, and connecting the
 * @n_handlers @handlers to the new ones.  FALSE (and nothing done) when *@slot is
 * @context already. */
gboolean atlas_view_context_swap (gpointer                 view,
                                  AtlasContext           **slot,
                                  AtlasContext            *context,
                                  const AtlasViewHandler  *handlers,
                                  guint                    n_handlers);

G_END_DECLS
