package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.conformance.Canonicals.PatientSearch;

/**
 * Looks advocates up in the JPA server's own data with the {@code advocate-code} SearchParameter, through the
 * Patient DAO: inside a write it joins that write's transaction, and as a system request it passes no REST-level
 * security interceptor.
 */
final class DaoAdvocateDirectory implements AdvocateDirectory {

    private static final int ENOUGH_TO_SEE_AMBIGUITY = 2;

    private final DaoRegistry daos;

    DaoAdvocateDirectory(DaoRegistry daos) {
        this.daos = daos;
    }

    @Override
    public List<String> patientIdsWithCode(String code) {
        SearchParameterMap search =
                SearchParameterMap.newSynchronous(PatientSearch.ADVOCATE_CODE, new TokenParam(code));
        search.setLoadSynchronousUpTo(ENOUGH_TO_SEE_AMBIGUITY);
        return daos.getResourceDao(Patient.class).searchForResourceIds(search, new SystemRequestDetails()).stream()
                .map(IIdType::getIdPart)
                .distinct()
                .toList();
    }
}
