/* atlas-filter-private.h — pieces of the filter the context uses to go fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-filter.h"

G_BEGIN_DECLS

/* atlas_filter_matches() without the actor test (the context does that part
 * with the dataset's posting lists) */
gboolean atlas_filter_matches_except_actors (AtlasFilter *self,
                                             AtlasEvent  *event);

/* TRUE when a test other than actors and time window applies: categories,
 * search text or claimant (the context cuts actors and time with its indexes
 * and asks atlas_filter_matches_predicates() only of what is left) */
gboolean atlas_filter_has_predicates        (AtlasFilter *self);
gboolean atlas_filter_matches_predicates    (AtlasFilter *self,
                                             AtlasEvent  *event);

G_END_DECLS
