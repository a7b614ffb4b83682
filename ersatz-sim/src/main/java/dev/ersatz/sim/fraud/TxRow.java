package dev.ersatz.sim.fraud;

/** One transaction as read back from a log or taken from a run: what validators and detectors see. */
final class TxRow {
    long step;
    long time;          // epoch seconds
    int type;           // TxType ordinal
    long cents;
    long orig, dest;    // account numbers
    long oldOrig, newOrig;
    long oldDest = Transfer.NONE, newDest = Transfer.NONE;
    int typology;       // 0 = none, else Pattern.code()
    long caseId = -1;
    long index;         // row number in the log, from 0

    TxType txType() { return TxType.ALL.get(type); }

    TxRow copy() {
        TxRow r = new TxRow();
        r.step = step;
        r.time = time;
        r.type = type;
        r.cents = cents;
        r.orig = orig;
        r.dest = dest;
        r.oldOrig = oldOrig;
        r.newOrig = newOrig;
        r.oldDest = oldDest;
        r.newDest = newDest;
        r.typology = typology;
        r.caseId = caseId;
        r.index = index;
        return r;
    }
}
