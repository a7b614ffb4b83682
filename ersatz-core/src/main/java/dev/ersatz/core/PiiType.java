package dev.ersatz.core;

/** The kinds of personal data Ersatz recognises and replaces with fake values. */
public enum PiiType {
    EMAIL, PHONE, PERSON_NAME, FIRST_NAME, LAST_NAME, ADDRESS, IBAN, CREDIT_CARD, IP_ADDRESS
}
