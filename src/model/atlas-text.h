/* atlas-text.h — helpers for putting dataset text into sentences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATLAS_BIDI_FSI "\xE2\x81\xA8"   /* U+2068 FIRST STRONG ISOLATE */
#define ATLAS_BIDI_PDI "\xE2\x81\xA9"   /* U+2069 POP DIRECTIONAL ISOLATE */

/* @text wrapped in FSI … PDI: it takes the direction of its first strong
 * character and nothing in it (an unclosed U+202E RIGHT-TO-LEFT OVERRIDE, say)
 * can reorder the sentence around it.  Use it for every piece of dataset text
 * that is embedded in a longer label ("According to %s"). */
char *atlas_bidi_isolate (const char *text);

G_END_DECLS
