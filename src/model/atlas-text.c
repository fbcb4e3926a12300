/* atlas-text.c — helpers for putting dataset text into sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include "atlas-text.h"

char *
atlas_bidi_isolate (const char *text)
{
  /* a PDI also closes any embedding or override left open inside the isolate */
  return g_strconcat (ATLAS_BIDI_FSI, text != NULL ? text : "", ATLAS_BIDI_PDI, NULL);
}
