/* atlas-language.h — the language the user interface speaks, for picking dataset names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language code of the user interface ("ar", "ru", "en", "fil"): the first entry of
 * g_get_language_names() cut before its territory, codeset and modifier
 * ("ar_EG.UTF-8" → "ar").  "C" for the untranslated C locale.  Interned; follows
 * changes of $LANGUAGE and the locale made before the call. */
const char *atlas_ui_language          (void);

/* The language code of @locale as above: "ru_RU.UTF-8@latin" → "ru", "" → "C". Interned. */
const char *atlas_language_from_locale (const char *locale);

G_END_DECLS
