package net.gatehouse.appliance.runtime;

import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;

/**
 * What BIG-IP reads out of a certificate object's file when it shows the object (subject, issuer,
 * expiration, key, ...): read-only values derived at read time from the material on this appliance,
 * never stored in the configuration. Merged by the renderers into tmsh {@code list} and REST GET.
 */
public interface CertificateView {

    /**
     * The read-only details of {@code object} by tmsh property name; empty for an object that is not a
     * certificate or whose certificate is not on this appliance.
     */
    Body details(Snapshot snapshot, ConfigObject object);

    /** No certificate material: nothing is added (bigip.conf, and renderers without an appliance). */
    static CertificateView none() {
        return (snapshot, object) -> Body.EMPTY;
    }
}
