#!/usr/bin/env python3
"""Writes Ersatz's built-in disease modules (Synthea-style JSON state machines).

The modules are data; this script only saves writing the age-band tables by hand. Hazards marked
"calibrated" were chosen so that the module, run with the built-in population and mortality, reproduces
the prevalence targets it declares (checked by `ersatz simulate validate`); the targets and their
sources are in each module's "ersatz_targets" and "remarks".

Run: python3 tools/make_modules.py  (writes ersatz-sim/src/main/resources/dev/ersatz/sim/health/modules/)
"""
import json, os

OUT = os.path.join(os.path.dirname(__file__), "..", "ersatz-sim", "src", "main", "resources", "dev", "ersatz", "sim", "health", "modules")
SNOMED, LOINC, RXNORM = "SNOMED-CT", "LOINC", "RxNorm"

def code(system, c, display):
    return {"system": system, "code": c, "display": display}

def age_lt(y):
    return {"condition_type": "Age", "operator": "<", "quantity": y, "unit": "years"}

def sex(s):
    return {"condition_type": "Gender", "gender": s}

def both(*cs):
    return {"condition_type": "And", "conditions": list(cs)}

def chance(p, yes, no):
    p = round(p, 6)
    return [{"distribution": p, "transition": yes}, {"distribution": round(1 - p, 6), "transition": no}]

def banded(bands, sexes, rate, yes, no, extra=None):
    """complex_transition over (sex, age band): bands = [(upper_age, label)], rate(sex, label) -> probability."""
    out = []
    for s in sexes:
        for upper, label in bands:
            conds = [] if s is None else [sex(s)]
            if upper is not None:
                conds.append(age_lt(upper))
            if extra is not None:
                conds.append(extra)
            cond = conds[0] if len(conds) == 1 else both(*conds) if conds else None
            entry = {"distributions": chance(rate(s, label), yes, no)}
            if cond is not None:
                entry = {"condition": cond, **entry}
            out.append(entry)
    return out

def save(name, module):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(module, f, indent=2)
        f.write("\n")

# ---------------------------------------------------------------- mortality
# Annual probability of death q(x), United States life tables 2019 (Arias and Xu, National Vital Statistics
# Reports 70(19), 2022), approximated per band (rounded; the band's middle ages). Diabetes multiplies it by
# 1.8 (all-cause hazard ratio, Emerging Risk Factors Collaboration, NEJM 2011;364:829-841).
Q = {  # upper age (exclusive) -> (male, female)
    1: (0.0060, 0.0050), 5: (0.00025, 0.00020), 15: (0.00013, 0.00010), 25: (0.0011, 0.0004),
    35: (0.0019, 0.0008), 45: (0.0027, 0.0015), 55: (0.0050, 0.0030), 65: (0.0110, 0.0065),
    75: (0.0210, 0.0135), 85: (0.0500, 0.0360), 95: (0.1400, 0.1150), None: (0.3200, 0.2800)}
DIABETES_RR = 1.8
bands = [(u, u) for u in Q]
diabetes_active = {"condition_type": "Active Condition", "codes": [code(SNOMED, "44054006", "Diabetes mellitus type 2 (disorder)")]}
trans = banded(bands, ["M", "F"], lambda s, u: min(0.95, Q[u][0 if s == "M" else 1] * DIABETES_RR), "Death", "Next_Year", diabetes_active) \
    + banded(bands, ["M", "F"], lambda s, u: Q[u][0 if s == "M" else 1], "Death", "Next_Year")
save("mortality", {
    "name": "Mortality",
    "remarks": ["Background mortality: once a year, death with the probability q(age, sex) of the United States life tables",
                "2019 (Arias and Xu, NVSR 70(19), 2022), approximated per age band; diabetes multiplies it by 1.8 (Emerging",
                "Risk Factors Collaboration, NEJM 2011). The first check falls at a random point of the first year."],
    "states": {
        "Initial": {"type": "Initial", "direct_transition": "First_Year"},
        "First_Year": {"type": "Delay", "range": {"low": 0, "high": 12, "unit": "months"}, "direct_transition": "Check"},
        "Check": {"type": "Simple", "complex_transition": trans},
        "Next_Year": {"type": "Delay", "exact": {"quantity": 1, "unit": "years"}, "direct_transition": "Check"},
        "Death": {"type": "Death", "codes": [code(SNOMED, "419620001", "Death (event)")]}}})

# ---------------------------------------------------------------- type 2 diabetes
# Targets: diagnosed diabetes among adults by age, CDC National Diabetes Statistics Report 2020, 2018 data:
# 18-44 3.0%, 45-64 13.8%, 65+ 21.4%. Obesity (BMI >= 30) triples the yearly onset hazard relative to a BMI
# under 30 (relative risk about 3 for obesity vs normal/overweight combined; Abdullah et al., Diabetes Res
# Clin Pract 2010;89:309-319 report RR 7.2 obese vs normal BMI). Onsets are diagnosed at the next check-up.
D_BANDS = [(35, "18-34"), (45, "35-44"), (55, "45-54"), (65, "55-64"), (75, "65-74"), (None, "75+")]
D_H = {'18-34': 0.002771, '35-44': 0.006693, '45-54': 0.005461, '55-64': 0.007351, '65-74': 0.01147, '75+': 0.009049}  # calibrated
D_RR, D_OBESE = 3.0, 0.40
def d_rate(obese):
    return lambda s, b: D_H[b] * (D_RR if obese else 1) / (D_OBESE * D_RR + (1 - D_OBESE))
bmi30 = {"condition_type": "Vital Sign", "vital_sign": "BMI", "operator": ">=", "value": 30}
not_bmi30 = {"condition_type": "Vital Sign", "vital_sign": "BMI", "operator": "<", "value": 30}
T2D = code(SNOMED, "44054006", "Diabetes mellitus type 2 (disorder)")
HBA1C = code(LOINC, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood")
METFORMIN = code(RXNORM, "860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet")
FOLLOW_UP = code(SNOMED, "390906007", "Follow-up encounter (procedure)")
save("type2_diabetes", {
    "name": "Type 2 Diabetes",
    "remarks": ["Adults develop type 2 diabetes at a yearly hazard by age band, three times as high with a BMI of 30 or more.",
                "The onset is diagnosed at the next wellness check-up: an HbA1c observation (6.5-9.5%) and metformin; then",
                "a follow-up every six months with another HbA1c. Targets: CDC, National Diabetes Statistics Report 2020",
                "(diagnosed diabetes in adults, 2018): 18-44 3.0%, 45-64 13.8%, 65 and over 21.4%. Hazards are calibrated to them."],
    "states": {
        "Initial": {"type": "Initial", "direct_transition": "Adult"},
        "Adult": {"type": "Guard", "allow": {"condition_type": "Age", "operator": ">=", "quantity": 18, "unit": "years"},
                  "direct_transition": "Yearly"},
        "Yearly": {"type": "Delay", "range": {"low": 11, "high": 13, "unit": "months"}, "direct_transition": "Risk"},
        "Risk": {"type": "Simple", "complex_transition":
                 banded(D_BANDS, [None], d_rate(True), "Onset", "Yearly", bmi30)
                 + banded(D_BANDS, [None], d_rate(False), "Onset", "Yearly", not_bmi30)},
        "Onset": {"type": "ConditionOnset", "codes": [T2D], "target_encounter": "Diagnosis", "assign_to_attribute": "diabetes",
                  "direct_transition": "Diagnosis"},
        "Diagnosis": {"type": "Encounter", "wellness": True, "direct_transition": "First_HbA1c"},
        "First_HbA1c": {"type": "Observation", "category": "laboratory", "codes": [HBA1C], "unit": "%", "range": {"low": 6.5, "high": 9.5},
                        "direct_transition": "Metformin"},
        "Metformin": {"type": "MedicationOrder", "codes": [METFORMIN], "reason": "Onset", "assign_to_attribute": "diabetes_medication",
                      "direct_transition": "Wait"},
        "Wait": {"type": "Delay", "range": {"low": 5, "high": 7, "unit": "months"}, "direct_transition": "Follow_Up"},
        "Follow_Up": {"type": "Encounter", "encounter_class": "ambulatory", "codes": [FOLLOW_UP], "reason": "Onset",
                      "direct_transition": "HbA1c"},
        "HbA1c": {"type": "Observation", "category": "laboratory", "codes": [HBA1C], "unit": "%", "range": {"low": 6.0, "high": 8.5},
                  "direct_transition": "End_Visit"},
        "End_Visit": {"type": "EncounterEnd", "direct_transition": "Wait"}},
    "ersatz_targets": [
        {"condition": T2D, "measure": "active", "age": [18, 44], "sex": "any", "prevalence": 0.030, "source": "CDC NDSR 2020, diagnosed, 18-44"},
        {"condition": T2D, "measure": "active", "age": [45, 64], "sex": "any", "prevalence": 0.138, "source": "CDC NDSR 2020, diagnosed, 45-64"},
        {"condition": T2D, "measure": "active", "age": [65, 120], "sex": "any", "prevalence": 0.214, "source": "CDC NDSR 2020, diagnosed, 65+"}]})

# ---------------------------------------------------------------- hypertension
# Targets: hypertension (>= 130/80 mmHg or treated) by sex and age, NHANES 2017-2018 (Ostchega et al., NCHS
# Data Brief 364, 2020): men 18-39 31.2%, 40-59 59.4%, 60+ 75.2%; women 13.0%, 49.8%, 73.9%.
H_BANDS = [(30, "18-29"), (40, "30-39"), (50, "40-49"), (60, "50-59"), (70, "60-69"), (None, "70+")]
H_H = {'M': {'18-29': 0.1299, '30-39': 0.1363, '40-49': 0.0189, '50-59': 0.0227, '60-69': 0.0364, '70+': 0.0334}, 'F': {'18-29': 0.03569, '30-39': 0.06584, '40-49': 0.04595, '50-59': 0.05076, '60-69': 0.02335, '70+': 0.01947}}  # calibrated
# Under 40, untreated hypertension resolves with probability H_REMIT a year (blood pressure back under
# 130/80): young adults' stage-1 readings often do not persist, and without it the NHANES cross-section (men
# 31% at 18-39 but only 59% at 40-59) cannot be reproduced by onsets alone.
H_REMIT = 0.45
H_REMIT_40 = 0.2  # from 40: lower, but readings still regress
H_WATCH = 1.0   # under 40, stage-1 hypertension is managed by lifestyle first (ACC/AHA 2017 guideline, low-risk adults)
HTN = code(SNOMED, "59621000", "Essential hypertension (disorder)")
SBP, DBP = code(LOINC, "8480-6", "Systolic Blood Pressure"), code(LOINC, "8462-4", "Diastolic Blood Pressure")
LISINOPRIL = code(RXNORM, "314076", "lisinopril 10 MG Oral Tablet")
HCTZ = code(RXNORM, "310798", "Hydrochlorothiazide 25 MG Oral Tablet")
save("hypertension", {
    "name": "Hypertension",
    "remarks": ["Adults develop essential hypertension at a yearly hazard by sex and age band; blood pressure rises to",
                "135-165/85-100 mmHg and is found at the next check-up. From 40, seven in ten start lisinopril at once (blood",
                "pressure falls to 120-138/75-88); under 40, lifestyle comes first (ACC/AHA 2017). The rest are followed up",
                "yearly: they start hydrochlorothiazide with probability 0.3 a year (0.15 under 40), and it resolves with probability",
                "0.45 a year under 40, 0.2 from 40 (single readings regress; young adults' especially). Targets: NHANES 2017-2018, hypertension",
                ">= 130/80 or treated (Ostchega et al., NCHS Data Brief 364, 2020). Hazards are calibrated to them."],
    "states": {
        "Initial": {"type": "Initial", "direct_transition": "Adult"},
        "Adult": {"type": "Guard", "allow": {"condition_type": "Age", "operator": ">=", "quantity": 18, "unit": "years"},
                  "direct_transition": "Yearly"},
        "Yearly": {"type": "Delay", "range": {"low": 11, "high": 13, "unit": "months"}, "direct_transition": "Risk"},
        "Risk": {"type": "Simple", "complex_transition": banded(H_BANDS, ["M", "F"], lambda s, b: H_H[s][b], "Onset", "Yearly")},
        "Onset": {"type": "ConditionOnset", "codes": [HTN], "target_encounter": "Diagnosis", "assign_to_attribute": "hypertension",
                  "direct_transition": "High_Systolic"},
        "High_Systolic": {"type": "VitalSign", "vital_sign": "Systolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 135, "high": 165},
                          "direct_transition": "High_Diastolic"},
        "High_Diastolic": {"type": "VitalSign", "vital_sign": "Diastolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 85, "high": 100},
                           "direct_transition": "Diagnosis"},
        "Diagnosis": {"type": "Encounter", "wellness": True, "complex_transition": [
            {"condition": age_lt(40), "distributions": [{"distribution": round(1 - H_WATCH, 6), "transition": "Lisinopril"},
                                                       {"distribution": H_WATCH, "transition": "Watch"}]},
            {"distributions": [{"distribution": 0.7, "transition": "Lisinopril"}, {"distribution": 0.3, "transition": "Watch"}]}]},
        "Lisinopril": {"type": "MedicationOrder", "codes": [LISINOPRIL], "reason": "Onset", "direct_transition": "Treated_Systolic"},
        "Treated_Systolic": {"type": "VitalSign", "vital_sign": "Systolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 120, "high": 138},
                             "direct_transition": "Treated_Diastolic"},
        "Treated_Diastolic": {"type": "VitalSign", "vital_sign": "Diastolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 75, "high": 88},
                              "direct_transition": "Treated_Year"},
        "Treated_Year": {"type": "Delay", "exact": {"quantity": 1, "unit": "years"}, "direct_transition": "Treated_Visit"},
        "Treated_Visit": {"type": "Encounter", "encounter_class": "ambulatory", "codes": [FOLLOW_UP], "reason": "Onset",
                          "direct_transition": "Treated_SBP"},
        "Treated_SBP": {"type": "Observation", "category": "vital-signs", "codes": [SBP], "unit": "mm[Hg]",
                        "vital_sign": "Systolic Blood Pressure", "direct_transition": "Treated_DBP"},
        "Treated_DBP": {"type": "Observation", "category": "vital-signs", "codes": [DBP], "unit": "mm[Hg]",
                        "vital_sign": "Diastolic Blood Pressure", "direct_transition": "Treated_End"},
        "Treated_End": {"type": "EncounterEnd", "direct_transition": "Treated_Year"},
        "Watch": {"type": "Delay", "exact": {"quantity": 1, "unit": "years"}, "direct_transition": "Watch_Visit"},
        "Watch_Visit": {"type": "Encounter", "encounter_class": "ambulatory", "codes": [FOLLOW_UP], "reason": "Onset",
                        "direct_transition": "Watch_SBP"},
        "Watch_SBP": {"type": "Observation", "category": "vital-signs", "codes": [SBP], "unit": "mm[Hg]",
                      "vital_sign": "Systolic Blood Pressure", "direct_transition": "Watch_DBP"},
        "Watch_DBP": {"type": "Observation", "category": "vital-signs", "codes": [DBP], "unit": "mm[Hg]",
                      "vital_sign": "Diastolic Blood Pressure", "complex_transition": [
                          {"condition": age_lt(40), "distributions": [{"distribution": 0.15, "transition": "Thiazide"},
                              {"distribution": H_REMIT, "transition": "Resolved"}, {"distribution": round(0.85 - H_REMIT, 6), "transition": "Watch_End"}]},
                          {"distributions": [{"distribution": 0.3, "transition": "Thiazide"}, {"distribution": H_REMIT_40, "transition": "Resolved"},
                                             {"distribution": round(0.7 - H_REMIT_40, 6), "transition": "Watch_End"}]}]},
        "Resolved": {"type": "ConditionEnd", "condition_onset": "Onset", "direct_transition": "Normal_Systolic"},
        "Normal_Systolic": {"type": "VitalSign", "vital_sign": "Systolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 112, "high": 128},
                            "direct_transition": "Normal_Diastolic"},
        "Normal_Diastolic": {"type": "VitalSign", "vital_sign": "Diastolic Blood Pressure", "unit": "mm[Hg]", "range": {"low": 70, "high": 80},
                             "direct_transition": "Resolved_End"},
        "Resolved_End": {"type": "EncounterEnd", "direct_transition": "Yearly"},
        "Watch_End": {"type": "EncounterEnd", "direct_transition": "Watch"},
        "Thiazide": {"type": "MedicationOrder", "codes": [HCTZ], "reason": "Onset", "direct_transition": "Thiazide_End"},
        "Thiazide_End": {"type": "EncounterEnd", "direct_transition": "Treated_Systolic"}},
    "ersatz_targets": [
        {"condition": HTN, "measure": "active", "age": [18, 39], "sex": "M", "prevalence": 0.312, "source": "NCHS Data Brief 364, men 18-39"},
        {"condition": HTN, "measure": "active", "age": [40, 59], "sex": "M", "prevalence": 0.594, "source": "NCHS Data Brief 364, men 40-59"},
        {"condition": HTN, "measure": "active", "age": [60, 120], "sex": "M", "prevalence": 0.752, "source": "NCHS Data Brief 364, men 60+"},
        {"condition": HTN, "measure": "active", "age": [18, 39], "sex": "F", "prevalence": 0.130, "source": "NCHS Data Brief 364, women 18-39"},
        {"condition": HTN, "measure": "active", "age": [40, 59], "sex": "F", "prevalence": 0.498, "source": "NCHS Data Brief 364, women 40-59"},
        {"condition": HTN, "measure": "active", "age": [60, 120], "sex": "F", "prevalence": 0.739, "source": "NCHS Data Brief 364, women 60+"}]})

# ---------------------------------------------------------------- asthma
# Targets: current asthma, CDC National Health Interview Survey 2019 ("Most Recent National Asthma Data"):
# boys 8.4%, girls 5.5%, men 5.5%, women 9.8%. Onset and remission hazards by sex and age band (calibrated):
# more onsets in boys before puberty, remission in adolescence, more adult onsets in women.
A_BANDS = [(5, "1-4"), (12, "5-11"), (18, "12-17"), (40, "18-39"), (65, "40-64"), (None, "65+")]
A_ON = {'M': {'1-4': 0.02122, '5-11': 0.01339, '12-17': 0.004464, '18-39': 0.002066, '40-64': 0.001878, '65+': 0.001878}, 'F': {'1-4': 0.0106, '5-11': 0.008149, '12-17': 0.004889, '18-39': 0.004366, '40-64': 0.004366, '65+': 0.003055}}  # calibrated
A_OFF = {"M": {"1-4": 0.02, "5-11": 0.04, "12-17": 0.10, "18-39": 0.05, "40-64": 0.04, "65+": 0.03},
         "F": {"1-4": 0.02, "5-11": 0.04, "12-17": 0.06, "18-39": 0.04, "40-64": 0.03, "65+": 0.03}}  # calibrated
ASTHMA = code(SNOMED, "195967001", "Asthma (disorder)")
ALBUTEROL = code(RXNORM, "745679", "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler")
FLUTICASONE = code(RXNORM, "895994", "120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler")
SYMPTOM = code(SNOMED, "185345009", "Encounter for symptom (procedure)")
EMERGENCY = code(SNOMED, "50849002", "Emergency room admission (procedure)")
SPIROMETRY = code(SNOMED, "127783003", "Spirometry (procedure)")
save("asthma", {
    "name": "Asthma",
    "remarks": ["From age one, a yearly chance of asthma by sex and age band; it is diagnosed at once at a symptom visit with",
                "spirometry and an albuterol inhaler (four in ten also get fluticasone). Each year it may remit (the condition",
                "and medicines end), or flare into an emergency visit (one in ten). Targets: current asthma, CDC NHIS 2019:",
                "boys 8.4%, girls 5.5%, men 5.5%, women 9.8%. Hazards are calibrated to them."],
    "states": {
        "Initial": {"type": "Initial", "direct_transition": "Toddler"},
        "Toddler": {"type": "Guard", "allow": {"condition_type": "Age", "operator": ">=", "quantity": 1, "unit": "years"},
                    "direct_transition": "Yearly"},
        "Yearly": {"type": "Delay", "range": {"low": 11, "high": 13, "unit": "months"}, "direct_transition": "Risk"},
        "Risk": {"type": "Simple", "complex_transition": banded(A_BANDS, ["M", "F"], lambda s, b: A_ON[s][b], "Onset", "Yearly")},
        "Onset": {"type": "ConditionOnset", "codes": [ASTHMA], "target_encounter": "Diagnosis", "assign_to_attribute": "asthma",
                  "direct_transition": "Diagnosis"},
        "Diagnosis": {"type": "Encounter", "encounter_class": "ambulatory", "codes": [SYMPTOM], "reason": "Onset",
                      "direct_transition": "Spirometry"},
        "Spirometry": {"type": "Procedure", "codes": [SPIROMETRY], "reason": "Onset", "direct_transition": "Albuterol"},
        "Albuterol": {"type": "MedicationOrder", "codes": [ALBUTEROL], "reason": "Onset", "assign_to_attribute": "reliever",
                      "distributed_transition": [{"distribution": 0.4, "transition": "Fluticasone"}, {"distribution": 0.6, "transition": "Visit_End"}]},
        "Fluticasone": {"type": "MedicationOrder", "codes": [FLUTICASONE], "reason": "Onset", "assign_to_attribute": "controller",
                        "direct_transition": "Visit_End"},
        "Visit_End": {"type": "EncounterEnd", "direct_transition": "Living_With"},
        "Living_With": {"type": "Delay", "range": {"low": 11, "high": 13, "unit": "months"}, "direct_transition": "Course"},
        "Course": {"type": "Simple", "complex_transition": [
            {**e, "distributions": [{"distribution": e["distributions"][0]["distribution"], "transition": "Remission"},
                                    {"distribution": round(0.1 * (1 - e["distributions"][0]["distribution"]), 6), "transition": "Flare"},
                                    {"distribution": round(0.9 * (1 - e["distributions"][0]["distribution"]), 6), "transition": "Living_With"}]}
            for e in banded(A_BANDS, ["M", "F"], lambda s, b: A_OFF[s][b], "Remission", "Living_With")]},
        "Flare": {"type": "Encounter", "encounter_class": "emergency", "codes": [EMERGENCY], "reason": "Onset", "direct_transition": "Flare_End"},
        "Flare_End": {"type": "EncounterEnd", "direct_transition": "Living_With"},
        "Remission": {"type": "ConditionEnd", "condition_onset": "Onset", "direct_transition": "Stop_Reliever"},
        "Stop_Reliever": {"type": "MedicationEnd", "referenced_by_attribute": "reliever", "direct_transition": "Stop_Controller"},
        "Stop_Controller": {"type": "MedicationEnd", "referenced_by_attribute": "controller", "direct_transition": "Yearly"}},
    "ersatz_targets": [
        {"condition": ASTHMA, "measure": "active", "age": [0, 17], "sex": "M", "prevalence": 0.084, "source": "CDC NHIS 2019, boys"},
        {"condition": ASTHMA, "measure": "active", "age": [0, 17], "sex": "F", "prevalence": 0.055, "source": "CDC NHIS 2019, girls"},
        {"condition": ASTHMA, "measure": "active", "age": [18, 120], "sex": "M", "prevalence": 0.055, "source": "CDC NHIS 2019, men"},
        {"condition": ASTHMA, "measure": "active", "age": [18, 120], "sex": "F", "prevalence": 0.098, "source": "CDC NHIS 2019, women"}]})

# ---------------------------------------------------------------- influenza (acute)
# Targets: seasonal incidence of symptomatic influenza, United States 2010-2016 medians (Tokars, Olsen and
# Reed, Clin Infect Dis 2018;66:1511-1518): children 9.3%, adults 18-64 8.8%, 65+ 3.9%. About 45% of the ill
# seek care (Biggerstaff et al., Influenza Other Respir Viruses 2014).
F_BANDS = [(18, "0-17"), (65, "18-64"), (None, "65+")]
F_P = {"0-17": 0.093, "18-64": 0.088, "65+": 0.039}
FLU = code(SNOMED, "6142004", "Influenza (disorder)")
TEMP = code(LOINC, "8310-5", "Body temperature")
save("influenza", {
    "name": "Influenza",
    "remarks": ["Once a season (a year), influenza with the symptomatic attack rate of the patient's age band; it lasts 5-10",
                "days. About 45% seek care: a symptom visit records a body temperature of 38.0-39.5 C. Targets: seasonal",
                "incidence (onset in the last year) from Tokars, Olsen and Reed, Clin Infect Dis 2018: 0-17 9.3%, 18-64 8.8%,",
                "65 and over 3.9%."],
    "states": {
        "Initial": {"type": "Initial", "direct_transition": "First_Season"},
        "First_Season": {"type": "Delay", "range": {"low": 0, "high": 12, "unit": "months"}, "direct_transition": "Season"},
        "Season": {"type": "Simple", "complex_transition": banded(F_BANDS, [None], lambda s, b: F_P[b], "Flu", "Next_Season")},
        "Next_Season": {"type": "Delay", "exact": {"quantity": 1, "unit": "years"}, "direct_transition": "Season"},
        "Flu": {"type": "ConditionOnset", "codes": [FLU], "distributed_transition": [
            {"distribution": 0.45, "transition": "Visit"}, {"distribution": 0.55, "transition": "Ill"}]},
        "Visit": {"type": "Encounter", "encounter_class": "ambulatory", "codes": [SYMPTOM], "reason": "Flu", "direct_transition": "Fever"},
        "Fever": {"type": "Observation", "category": "vital-signs", "codes": [TEMP], "unit": "Cel", "range": {"low": 38.0, "high": 39.5},
                  "direct_transition": "Visit_End"},
        "Visit_End": {"type": "EncounterEnd", "direct_transition": "Ill"},
        "Ill": {"type": "Delay", "range": {"low": 5, "high": 10, "unit": "days"}, "direct_transition": "Recovered"},
        "Recovered": {"type": "ConditionEnd", "condition_onset": "Flu", "direct_transition": "Rest_Of_Year"},
        "Rest_Of_Year": {"type": "Delay", "range": {"low": 330, "high": 345, "unit": "days"}, "direct_transition": "Season"}},
    "ersatz_targets": [
        {"condition": FLU, "measure": "lastYear", "age": [0, 17], "sex": "any", "prevalence": 0.093, "source": "Tokars et al. 2018, 0-17"},
        {"condition": FLU, "measure": "lastYear", "age": [18, 64], "sex": "any", "prevalence": 0.088, "source": "Tokars et al. 2018, 18-64"},
        {"condition": FLU, "measure": "lastYear", "age": [65, 120], "sex": "any", "prevalence": 0.039, "source": "Tokars et al. 2018, 65+"}]})
print("modules written to", os.path.abspath(OUT))
