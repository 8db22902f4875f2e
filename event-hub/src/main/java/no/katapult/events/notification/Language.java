package no.katapult.events.notification;

import java.util.Locale;

/** The languages mails are written in: English for a locale that starts with "en", else bokmål (issue 14). */
public enum Language {
    NB("nb"), EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The language of a locale tag as tokens and the directory carry it ("en", "en-GB", "nb", "nn", null...). */
    public static Language of(String localeTag) {
        if (localeTag == null) {
            return NB;
        }
        String language = Locale.forLanguageTag(localeTag.strip().replace('_', '-')).getLanguage();
        return language.equals("en") ? EN : NB;
    }

    /** As stored ("nb", "en") and used in template names. */
    public String tag() {
        return tag;
    }

    public static Language ofTag(String tag) {
        return tag.equals(EN.tag) ? EN : NB;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }
}
