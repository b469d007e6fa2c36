<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ComplaintsPanel</name>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerListPanel</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message numerus="yes">
        <source>A call to ask whether the customer is satisfied will be scheduled in %n day(s).</source>
        <translation>
            <numerusform>A call to ask whether the customer is satisfied will be scheduled in %n day.</numerusform>
            <numerusform>A call to ask whether the customer is satisfied will be scheduled in %n days.</numerusform>
        </translation>
    </message>
</context>
</TS>
