/* atlas-dataset-private.h — construction API for the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Takes the four arrays (each owning its objects, file order).  The objects must
 * be complete and valid: the dataset sorts the events, numbers everything and
 * builds its indexes.  Strings are copied; @file may be NULL. */
AtlasDataset *atlas_dataset_new_internal (GFile      *file,
                                          const char *title,
                                          const char *description,
                                          const char *language,
                                          GPtrArray  *sources,
                                          GPtrArray  *actors,
                                          GPtrArray  *locations,
                                          GPtrArray  *events);

G_END_DECLS
